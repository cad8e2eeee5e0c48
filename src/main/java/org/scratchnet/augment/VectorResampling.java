package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Resampling} on the Vector API: the output pixels a vector at a time, in row-major order
 * (16 at a time with AVX-512; 784 = 49 x 16). Each lane computes its source point, clamps it and
 * splits it into a whole and a fractional part exactly as {@link Bilinear#at} does, with the same
 * roundings (a product, then a sum: never a fused multiply-add; the truncating float-to-int
 * conversion is Java's cast), then reads its four neighbours by gathers. So it gives the scalar
 * loops' bits. A tail of fewer pixels than a vector is left to the scalar loop. Loaded only by
 * {@link Resampling#fastest}; not thread-safe (the gathers' index buffer is its own).
 */
final class VectorResampling implements Resampling {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    private final int side;
    /** The column x and row y of each output pixel, as floats, row-major. */
    private final float[] xs;
    private final float[] ys;
    /** The framed index of each lane's top-left neighbour, for the gathers. */
    private final int[] corner = new int[S.length()];

    VectorResampling(int side) {
        if (I.length() != S.length()) throw new IllegalStateException("int and float vectors differ in lanes");
        this.side = side;
        this.xs = new float[side * side];
        this.ys = new float[side * side];
        for (int i = 0; i < side * side; i++) {
            xs[i] = i % side;
            ys[i] = i / side;
        }
    }

    @Override
    public void warp(float[] framed, int side, AffineMap m, float[] dx, float[] dy, float[] out, int to) {
        if (side != this.side) throw new IllegalArgumentException("made for images of side " + this.side + ", not " + side);
        int n = side * side;
        int w = Bilinear.framed(side);
        float hi = side;
        int upper = S.loopBound(n);
        int i = 0;
        for (; i < upper; i += S.length()) {
            FloatVector u = FloatVector.fromArray(S, xs, i);
            FloatVector v = FloatVector.fromArray(S, ys, i);
            if (dx != null) {
                u = u.add(FloatVector.fromArray(S, dx, i));
                v = v.add(FloatVector.fromArray(S, dy, i));
            }
            FloatVector sx = u.mul(m.a11).add(v.mul(m.a12)).add(m.bx);
            FloatVector sy = u.mul(m.a21).add(v.mul(m.a22)).add(m.by);
            FloatVector fx = sx.max(-1f).min(hi).add(1f);  // in the frame's coordinates, 0 .. side + 1 (no point is NaN)
            FloatVector fy = sy.max(-1f).min(hi).add(1f);
            IntVector x0 = (IntVector) fx.convert(VectorOperators.F2I, 0);  // truncation is floor here: fx >= 0
            IntVector y0 = (IntVector) fy.convert(VectorOperators.F2I, 0);
            fx = fx.sub((FloatVector) x0.convert(VectorOperators.I2F, 0));
            fy = fy.sub((FloatVector) y0.convert(VectorOperators.I2F, 0));
            y0.mul(w).add(x0).intoArray(corner, 0);
            FloatVector a = FloatVector.fromArray(S, framed, 0, corner, 0);
            FloatVector b = FloatVector.fromArray(S, framed, 1, corner, 0);
            FloatVector c = FloatVector.fromArray(S, framed, w, corner, 0);
            FloatVector d = FloatVector.fromArray(S, framed, w + 1, corner, 0);
            FloatVector top = a.add(fx.mul(b.sub(a)));
            FloatVector bottom = c.add(fx.mul(d.sub(c)));
            top.add(fy.mul(bottom.sub(top))).intoArray(out, to + i);
        }
        for (; i < n; i++) {
            float u = xs[i] + (dx == null ? 0f : dx[i]);
            float v = ys[i] + (dy == null ? 0f : dy[i]);
            out[to + i] = Bilinear.at(framed, side, m.a11 * u + m.a12 * v + m.bx, m.a21 * u + m.a22 * v + m.by);
        }
    }
}
