package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Smoothing}'s passes on the Vector API: a vector of outputs at a time, its sum kept in a
 * register over all the taps, in the scalar pass's order with the same roundings (a product, then
 * a sum: never a fused multiply-add), so that both give the same bits. Four vectors of outputs
 * are summed side by side: each sum waits on its previous add (a few cycles), so one chain alone
 * left the core idle most of the time (1 µs a pass of 25 taps over 784 pixels); four independent
 * chains fill those cycles, and each output's order of sums is unchanged. Along rows, each row
 * is cut into vectors of consecutive x (the last one masked where it passes the row's end), and
 * four of those pieces are summed side by side. Loaded only by
 * {@link Smoothing#fastest}, after checking that the module is there.
 */
final class VectorSmoothing implements Smoothing {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void pass(float[] in, float[] w, float[] out, int side) {
        int n = side * side;
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            float w0 = w[0];
            FloatVector s0 = FloatVector.fromArray(S, in, j).mul(w0);
            FloatVector s1 = FloatVector.fromArray(S, in, j + L).mul(w0);
            FloatVector s2 = FloatVector.fromArray(S, in, j + 2 * L).mul(w0);
            FloatVector s3 = FloatVector.fromArray(S, in, j + 3 * L).mul(w0);
            for (int t = 1; t < w.length; t++) {
                float wt = w[t];
                int at = j + t * side;
                s0 = s0.add(FloatVector.fromArray(S, in, at).mul(wt));
                s1 = s1.add(FloatVector.fromArray(S, in, at + L).mul(wt));
                s2 = s2.add(FloatVector.fromArray(S, in, at + 2 * L).mul(wt));
                s3 = s3.add(FloatVector.fromArray(S, in, at + 3 * L).mul(wt));
            }
            s0.intoArray(out, j);
            s1.intoArray(out, j + L);
            s2.intoArray(out, j + 2 * L);
            s3.intoArray(out, j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector sum = FloatVector.fromArray(S, in, j).mul(w[0]);
            for (int t = 1; t < w.length; t++) sum = sum.add(FloatVector.fromArray(S, in, j + t * side).mul(w[t]));
            sum.intoArray(out, j);
        }
        for (; j < n; j++) {
            float sum = w[0] * in[j];
            for (int t = 1; t < w.length; t++) sum += w[t] * in[j + t * side];
            out[j] = sum;
        }
    }

    @Override
    public void alongRows(float[] in, int stride, float[] w, float[] out, int to, int side) {
        int perRow = (side + L - 1) / L;
        int pieces = side * perRow;
        int q = 0;
        for (; q + 4 <= pieces; q += 4) {
            int a0 = start(q, perRow, stride), a1 = start(q + 1, perRow, stride);
            int a2 = start(q + 2, perRow, stride), a3 = start(q + 3, perRow, stride);
            float w0 = w[0];
            FloatVector s0 = FloatVector.fromArray(S, in, a0).mul(w0);
            FloatVector s1 = FloatVector.fromArray(S, in, a1).mul(w0);
            FloatVector s2 = FloatVector.fromArray(S, in, a2).mul(w0);
            FloatVector s3 = FloatVector.fromArray(S, in, a3).mul(w0);
            for (int t = 1; t < w.length; t++) {
                float wt = w[t];
                s0 = s0.add(FloatVector.fromArray(S, in, a0 + t).mul(wt));
                s1 = s1.add(FloatVector.fromArray(S, in, a1 + t).mul(wt));
                s2 = s2.add(FloatVector.fromArray(S, in, a2 + t).mul(wt));
                s3 = s3.add(FloatVector.fromArray(S, in, a3 + t).mul(wt));
            }
            store(s0, q, perRow, out, to, side);
            store(s1, q + 1, perRow, out, to, side);
            store(s2, q + 2, perRow, out, to, side);
            store(s3, q + 3, perRow, out, to, side);
        }
        for (; q < pieces; q++) {
            int a = start(q, perRow, stride);
            FloatVector sum = FloatVector.fromArray(S, in, a).mul(w[0]);
            for (int t = 1; t < w.length; t++) sum = sum.add(FloatVector.fromArray(S, in, a + t).mul(w[t]));
            store(sum, q, perRow, out, to, side);
        }
    }

    /** Where piece q (row q / perRow, x from (q % perRow)·L) starts reading in. */
    private static int start(int q, int perRow, int stride) {
        return q / perRow * stride + q % perRow * L;
    }

    /** Writes piece q's sums to its row of out, masked where the vector passes the row's end. */
    private static void store(FloatVector sum, int q, int perRow, float[] out, int to, int side) {
        int y = q / perRow;
        int x = q % perRow * L;
        if (x + L <= side) sum.intoArray(out, to + y * side + x);
        else sum.intoArray(out, to + y * side + x, S.indexInRange(x, side));
    }
}
