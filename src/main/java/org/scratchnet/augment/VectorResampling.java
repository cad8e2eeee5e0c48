package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Resampling} on the Vector API: the output pixels a vector at a time, in row-major order
 * (16 at a time with AVX-512; 784 = 49 x 16). Each lane computes its source point, clamps it and
 * splits it into a whole and a fractional part exactly as {@link Bilinear#at} does, with the same
 * roundings (a product, then a sum: never a fused multiply-add; the truncating float-to-int
 * conversion is Java's cast), then reads its four neighbours by gathers. So it gives the scalar
 * loops' bits. A tail of fewer pixels than a vector is left to the scalar loop. Values below half
 * a grey level become 0, as {@link Bilinear#kept} does.
 *
 * <p>Most of an MNIST image is its empty border: before resampling, the rows and columns of the
 * frame that hold ink are found (a few vector reads), and a vector of output pixels whose
 * points all fall where their four neighbours are outside those rows or columns is 0 without
 * its four gathers, which cost most of the time: the same bits, since the neighbours it would
 * have read are 0. Loaded only by {@link Resampling#fastest}; not thread-safe (the gathers' index
 * buffer is its own).
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
    /** The largest magnitude in each column of the frame (a vector's room past its width), and the inked {left, right, top, bottom}. */
    private final float[] columns;
    private final int[] ink = new int[4];

    VectorResampling(int side) {
        if (I.length() != S.length()) throw new IllegalStateException("int and float vectors differ in lanes");
        this.side = side;
        this.xs = new float[side * side];
        this.ys = new float[side * side];
        int w = Bilinear.framed(side);
        this.columns = new float[(w + S.length() - 1) / S.length() * S.length()];
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
        inked(framed, w);
        // A lane's neighbours are columns x0, x0 + 1 and rows y0, y0 + 1 of the frame: all 0 if x0 + 1 < left, x0 > right, or likewise in y.
        IntVector left = IntVector.broadcast(I, ink[0] - 1);
        IntVector right = IntVector.broadcast(I, ink[1]);
        IntVector top = IntVector.broadcast(I, ink[2] - 1);
        IntVector bottom = IntVector.broadcast(I, ink[3]);
        FloatVector faintest = FloatVector.broadcast(S, Bilinear.FAINTEST);
        FloatVector zero = FloatVector.zero(S);
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
            VectorMask<Integer> empty = x0.lt(left).or(x0.compare(VectorOperators.GT, right)).or(y0.lt(top))
                    .or(y0.compare(VectorOperators.GT, bottom));
            if (empty.allTrue()) {
                zero.intoArray(out, to + i);
                continue;
            }
            fx = fx.sub((FloatVector) x0.convert(VectorOperators.I2F, 0));
            fy = fy.sub((FloatVector) y0.convert(VectorOperators.I2F, 0));
            y0.mul(w).add(x0).intoArray(corner, 0);
            FloatVector a = FloatVector.fromArray(S, framed, 0, corner, 0);
            FloatVector b = FloatVector.fromArray(S, framed, 1, corner, 0);
            FloatVector c = FloatVector.fromArray(S, framed, w, corner, 0);
            FloatVector d = FloatVector.fromArray(S, framed, w + 1, corner, 0);
            FloatVector upper0 = a.add(fx.mul(b.sub(a)));
            FloatVector lower = c.add(fx.mul(d.sub(c)));
            FloatVector value = upper0.add(fy.mul(lower.sub(upper0)));
            value.blend(zero, value.lt(faintest)).intoArray(out, to + i);
        }
        for (; i < n; i++) {
            float u = xs[i] + (dx == null ? 0f : dx[i]);
            float v = ys[i] + (dy == null ? 0f : dy[i]);
            out[to + i] = Bilinear.kept(Bilinear.at(framed, side, m.a11 * u + m.a12 * v + m.bx, m.a21 * u + m.a22 * v + m.by));
        }
    }

    /**
     * Finds the first and last column and row of the frame (w x w) that hold a value other than
     * 0, into {@link #ink} as {left, right, top, bottom}; an empty frame gives an empty range.
     */
    private void inked(float[] framed, int w) {
        int left = w, right = -1, top = w, bottom = -1;
        java.util.Arrays.fill(columns, 0f);
        for (int y = 0; y < w; y++) {
            boolean any = false;
            for (int x = 0; x < w; x += S.length()) {
                VectorMask<Float> inRow = S.indexInRange(x, w);
                FloatVector row = FloatVector.fromArray(S, framed, y * w + x, inRow);
                FloatVector magnitude = row.abs();
                if (magnitude.compare(VectorOperators.NE, 0f).anyTrue()) {
                    any = true;
                    FloatVector.fromArray(S, columns, x).max(magnitude).intoArray(columns, x);
                }
            }
            if (any) {
                top = Math.min(top, y);
                bottom = y;
            }
        }
        for (int x = 0; x < w; x++) {
            if (columns[x] != 0f) {
                left = Math.min(left, x);
                right = x;
            }
        }
        ink[0] = left;
        ink[1] = right;
        ink[2] = top;
        ink[3] = bottom;
    }
}
