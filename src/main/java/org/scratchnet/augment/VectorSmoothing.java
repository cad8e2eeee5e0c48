package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Smoothing}'s passes on the Vector API, with the scalar passes' bits: each output's sum
 * takes its taps in the same order with the same roundings (a product, then one fused
 * multiply-add a tap, as Math.fma), so both give the same numbers.
 * <ul>
 * <li>{@link #pass} (down the columns) sums seven vectors of consecutive outputs side by side,
 *     the weight of a tap broadcast once for the seven: each sum waits on its previous one, so
 *     one chain alone left the core idle most of the time (1 µs a pass of 25 taps over 784
 *     pixels); four chains of a product and a sum took 0.46 µs, seven of fused ones about 0.35.
 * <li>{@link #alongRows}, as a product by the band matrix of the taps: row y of the output is
 *     the sum over k of in(y, k) times the weights of input k for a vector of outputs x
 *     ({@link #rowWeights}: the taps reversed, among zeros, so that these are one contiguous
 *     read), four rows and two vectors of outputs side by side, so that a weight read feeds four
 *     sums and a broadcast input two (reading every tap of every output, 0.61 µs; now about
 *     0.32). Taking k in order takes each output's taps in order; an input outside an output's
 *     band adds weight 0 (which leaves a sum that is not -0 as it is, and no sum is -0: it
 *     starts at +0, and a sum that cancels is +0), as the padding's zeros in the scalar pass do.
 * </ul>
 * The last vector of a row is stored masked where it passes the row's end (in the loop itself:
 * a helper taking the vector was not inlined, and the vector was boxed). Loaded only by
 * {@link Smoothing#fastest}, after checking that the module is there.
 */
final class VectorSmoothing implements Smoothing {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of outputs {@link #alongRows} sums side by side. */
    private static final int BLOCK = 4;
    /** Vectors of outputs {@link #pass} sums side by side: 784 pixels are 7 x 7 vectors of 16 (or 14 x 7 of 8). */
    private static final int CHAINS = 7;

    @Override
    public void pass(float[] in, float[] w, float[] out, int side) {
        int n = side * side;
        int j = 0;
        for (; j + CHAINS * L <= n; j += CHAINS * L) {
            FloatVector w0 = FloatVector.broadcast(S, w[0]);
            FloatVector s0 = FloatVector.fromArray(S, in, j).mul(w0);
            FloatVector s1 = FloatVector.fromArray(S, in, j + L).mul(w0);
            FloatVector s2 = FloatVector.fromArray(S, in, j + 2 * L).mul(w0);
            FloatVector s3 = FloatVector.fromArray(S, in, j + 3 * L).mul(w0);
            FloatVector s4 = FloatVector.fromArray(S, in, j + 4 * L).mul(w0);
            FloatVector s5 = FloatVector.fromArray(S, in, j + 5 * L).mul(w0);
            FloatVector s6 = FloatVector.fromArray(S, in, j + 6 * L).mul(w0);
            for (int t = 1; t < w.length; t++) {
                FloatVector wt = FloatVector.broadcast(S, w[t]);
                int at = j + t * side;
                s0 = FloatVector.fromArray(S, in, at).fma(wt, s0);
                s1 = FloatVector.fromArray(S, in, at + L).fma(wt, s1);
                s2 = FloatVector.fromArray(S, in, at + 2 * L).fma(wt, s2);
                s3 = FloatVector.fromArray(S, in, at + 3 * L).fma(wt, s3);
                s4 = FloatVector.fromArray(S, in, at + 4 * L).fma(wt, s4);
                s5 = FloatVector.fromArray(S, in, at + 5 * L).fma(wt, s5);
                s6 = FloatVector.fromArray(S, in, at + 6 * L).fma(wt, s6);
            }
            s0.intoArray(out, j);
            s1.intoArray(out, j + L);
            s2.intoArray(out, j + 2 * L);
            s3.intoArray(out, j + 3 * L);
            s4.intoArray(out, j + 4 * L);
            s5.intoArray(out, j + 5 * L);
            s6.intoArray(out, j + 6 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector sum = FloatVector.fromArray(S, in, j).mul(w[0]);
            for (int t = 1; t < w.length; t++) sum = FloatVector.fromArray(S, in, j + t * side).fma(FloatVector.broadcast(S, w[t]), sum);
            sum.intoArray(out, j);
        }
        for (; j < n; j++) {
            float sum = w[0] * in[j];
            for (int t = 1; t < w.length; t++) sum = Math.fma(w[t], in[j + t * side], sum);
            out[j] = sum;
        }
    }

    /** Lay out P = side zeros, w reversed, then side + L zeros: the weights of input k for outputs x0 .. x0 + L - 1 start at side + r - k + x0. */
    @Override
    public float[] rowWeights(float[] w, int side) {
        float[] reversed = new float[2 * side + w.length + L];
        for (int j = 0; j < w.length; j++) reversed[side + j] = w[w.length - 1 - j];
        return reversed;
    }

    @Override
    public void alongRows(float[] in, int stride, float[] rw, int radius, float[] out, int to, int side) {
        int y0 = 0;
        for (; y0 + BLOCK <= side; y0 += BLOCK) {
            int row = y0 * stride + radius;
            int x = 0;
            for (; x + L < side; x += 2 * L) {  // two vectors of outputs: each broadcast input feeds both
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
                for (int k = 0; k < side; k++) {
                    FloatVector wa = FloatVector.fromArray(S, rw, side + radius - k + x);
                    FloatVector wb = FloatVector.fromArray(S, rw, side + radius - k + x + L);
                    FloatVector n = FloatVector.broadcast(S, in[row + k]);
                    s0 = wa.fma(n, s0);
                    t0 = wb.fma(n, t0);
                    n = FloatVector.broadcast(S, in[row + stride + k]);
                    s1 = wa.fma(n, s1);
                    t1 = wb.fma(n, t1);
                    n = FloatVector.broadcast(S, in[row + 2 * stride + k]);
                    s2 = wa.fma(n, s2);
                    t2 = wb.fma(n, t2);
                    n = FloatVector.broadcast(S, in[row + 3 * stride + k]);
                    s3 = wa.fma(n, s3);
                    t3 = wb.fma(n, t3);
                }
                int at = to + y0 * side + x;
                s0.intoArray(out, at);
                s1.intoArray(out, at + side);
                s2.intoArray(out, at + 2 * side);
                s3.intoArray(out, at + 3 * side);
                VectorMask<Float> inRow = S.indexInRange(x + L, side);  // the second vector may pass the row's end
                t0.intoArray(out, at + L, inRow);
                t1.intoArray(out, at + side + L, inRow);
                t2.intoArray(out, at + 2 * side + L, inRow);
                t3.intoArray(out, at + 3 * side + L, inRow);
            }
            for (; x < side; x += L) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int k = 0; k < side; k++) {
                    FloatVector wk = FloatVector.fromArray(S, rw, side + radius - k + x);
                    s0 = wk.fma(FloatVector.broadcast(S, in[row + k]), s0);
                    s1 = wk.fma(FloatVector.broadcast(S, in[row + stride + k]), s1);
                    s2 = wk.fma(FloatVector.broadcast(S, in[row + 2 * stride + k]), s2);
                    s3 = wk.fma(FloatVector.broadcast(S, in[row + 3 * stride + k]), s3);
                }
                VectorMask<Float> inRow = S.indexInRange(x, side);
                int at = to + y0 * side + x;
                s0.intoArray(out, at, inRow);
                s1.intoArray(out, at + side, inRow);
                s2.intoArray(out, at + 2 * side, inRow);
                s3.intoArray(out, at + 3 * side, inRow);
            }
        }
        for (; y0 < side; y0++) {
            for (int x = 0; x < side; x += L) {
                int row = y0 * stride + radius;
                FloatVector s = FloatVector.zero(S);
                for (int k = 0; k < side; k++) s = FloatVector.fromArray(S, rw, side + radius - k + x).fma(FloatVector.broadcast(S, in[row + k]), s);
                s.intoArray(out, to + y0 * side + x, S.indexInRange(x, side));
            }
        }
    }
}
