package org.scratchnet.augment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NoiseRows} on the Vector API: a float vector of SplitMix draws at a time (16 with
 * AVX-512), each lane computing mix64 of its own counter with 64-bit multiplies (two long vectors
 * of half as many lanes), then the high and the low 24-bit halves converted to floats and stored
 * as consecutive values of a row (masked where a half-row ends). The same integer operations and
 * the same exact conversions as the scalar loops, so the same bits. One generator's draws one
 * after another, a 64-bit mix and a conversion each, took 1.8 µs of the 4.1 µs an elastic field
 * cost; a vector at a time, 0.6 µs for both fields (measured, one thread, CPU time; why the
 * scalar loop was that slow was not profiled further). Loaded only by {@link NoiseRows#fastest}.
 *
 * <p>Why the floats are the preferred species, as every other float kernel's, and not the
 * half-width species that converts from one long vector directly: the JIT profiles the Vector
 * API's shared methods (FloatVector's lanewise operations) across every caller, and a second
 * float vector class seen there made the dense products compiled after it box their vectors (a
 * 784-1024-1024-10 network trained with --augment elastic ran 3-4x slower than without, nearly
 * all of it allocating in WideTiles, some 25 GB/s of garbage; measured 2026-12-03).
 */
final class VectorNoiseRows implements NoiseRows {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Longs of the same width: half as many lanes, so two long vectors make one float vector. */
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, F.vectorShape());
    private static final LongVector LANES = LongVector.zero(L).addIndex(1);

    @Override
    public void fill(long start, long gamma, float[] noise, int to, int stride, int side) {
        int h = NoiseRows.half(side);
        int n = F.length();
        for (int y = 0; y < side; y++) {
            int row = to + y * stride;
            for (int m = 0; m < h; m += n) {
                long k = (long) y * h + m;
                LongVector lower = mix(LANES.add(k + 1).mul(gamma).add(start));  // lane i: draw k + i, mix64(start + (k + i + 1) · γ)
                LongVector upper = mix(LANES.add(k + 1 + L.length()).mul(gamma).add(start));  // the draws past the row's end are not stored
                FloatVector high = floats(lower.lanewise(VectorOperators.LSHR, 40), upper.lanewise(VectorOperators.LSHR, 40)).mul(UNIT).sub(1f);
                FloatVector low = floats(lower.lanewise(VectorOperators.LSHR, 16).lanewise(VectorOperators.AND, 0xFFFFFFL),
                        upper.lanewise(VectorOperators.LSHR, 16).lanewise(VectorOperators.AND, 0xFFFFFFL)).mul(UNIT).sub(1f);
                if (m + n <= h) high.intoArray(noise, row + m);
                else high.intoArray(noise, row + m, F.indexInRange(m, h));
                if (h + m + n <= side) low.intoArray(noise, row + h + m);
                else low.intoArray(noise, row + h + m, F.indexInRange(m, side - h));
            }
        }
    }

    /** SplitMix's finaliser, lane by lane. */
    private static LongVector mix(LongVector z) {
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
        return z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
    }

    /** The 24-bit integers of two long vectors as one float vector, {@code lower}'s in the first half of the lanes: exact. */
    private static FloatVector floats(LongVector lower, LongVector upper) {
        FloatVector first = (FloatVector) lower.convertShape(VectorOperators.L2F, F, 0);  // the upper lanes zero
        FloatVector second = (FloatVector) upper.convertShape(VectorOperators.L2F, F, -1);  // the lower lanes zero
        return first.add(second);  // each lane a value plus an exact zero
    }
}
