package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NoiseRows} on the Vector API: a vector of SplitMix draws at a time (8 with AVX-512),
 * each lane computing mix64 of its own counter with 64-bit multiplies, then the high and the low
 * 24-bit halves converted to floats and stored as consecutive values of a row (masked where a
 * half-row ends). The same integer operations and the same exact conversions as the scalar
 * loops, so the same bits. One generator's draws one after another, a 64-bit mix and a
 * conversion each, took 1.8 µs of the 4.1 µs an elastic field cost; eight lanes at a time, 0.6 µs
 * for both fields (measured, one thread, CPU time; why the scalar loop was that slow was not
 * profiled further). Loaded only by
 * {@link NoiseRows#fastest}.
 */
final class VectorNoiseRows implements NoiseRows {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /** As many float lanes as long lanes: the half-width shape. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(L.vectorBitSize() / 2));
    private static final LongVector LANES = LongVector.zero(L).addIndex(1);

    @Override
    public void fill(long start, long gamma, float[] noise, int to, int stride, int side) {
        int h = NoiseRows.half(side);
        int n = L.length();
        for (int y = 0; y < side; y++) {
            int row = to + y * stride;
            for (int m = 0; m < h; m += n) {
                long k = (long) y * h + m;
                LongVector z = LANES.add(k + 1).mul(gamma).add(start);  // lane i: start + (k + i + 1) · γ
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
                FloatVector high = ((FloatVector) z.lanewise(VectorOperators.LSHR, 40).convertShape(VectorOperators.L2F, F, 0)).mul(UNIT).sub(1f);
                FloatVector low = ((FloatVector) z.lanewise(VectorOperators.LSHR, 16).lanewise(VectorOperators.AND, 0xFFFFFFL)
                        .convertShape(VectorOperators.L2F, F, 0)).mul(UNIT).sub(1f);
                if (m + n <= h) high.intoArray(noise, row + m);
                else high.intoArray(noise, row + m, F.indexInRange(m, h));
                if (h + m + n <= side) low.intoArray(noise, row + h + m);
                else low.intoArray(noise, row + h + m, F.indexInRange(m, side - h));
            }
        }
    }
}
