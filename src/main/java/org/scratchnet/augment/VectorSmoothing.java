package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Smoothing}'s pass on the Vector API: a vector of outputs at a time, its sum kept in a
 * register over all the taps, in the scalar pass's order with the same roundings (a product, then
 * a sum: never a fused multiply-add), so that both give the same bits. Loaded only by
 * {@link Smoothing#fastest}, after checking that the module is there.
 */
final class VectorSmoothing implements Smoothing {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void pass(float[] in, float[] w, float[] out, int side) {
        int n = side * side;
        int upper = S.loopBound(n);
        int j = 0;
        for (; j < upper; j += S.length()) {
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
}
