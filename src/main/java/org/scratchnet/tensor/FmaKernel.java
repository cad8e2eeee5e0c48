package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loop that measures this CPU's float32 FMA throughput (see {@link FmaPeak}): {@link #CHAINS}
 * independent chains c = c·x + y of the preferred species' vectors, nothing loaded or stored in
 * the loop. A core retires at most (FMA pipes) FMAs per cycle and each takes (latency) cycles, so
 * it needs latency x pipes chains in flight to reach its peak: 4 x 2 = 8 on Zen 3 to 5 and on
 * Intel since Skylake. Twelve cover a latency of 6 on two pipes and, with x and y, fit the 16
 * registers of AVX2 as well as the 32 of AVX-512, so none spills. The chains converge to
 * y / (1 - x) = 1000 and stay normal floats (no subnormal slow path, no infinity).
 *
 * <p>Reached only through {@link FmaPeak}, by reflection, after {@link VectorSupport} has found the
 * Vector API module.
 */
final class FmaKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulator chains in flight. */
    static final int CHAINS = 12;

    private FmaKernel() {}

    /** Lanes of the preferred species. */
    static int lanes() {
        return S.length();
    }

    /**
     * Runs {@code iterations} rounds of {@link #CHAINS} vector FMAs and returns a value that
     * depends on every chain (so the JIT cannot drop the loop).
     */
    static float run(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999f), y = FloatVector.broadcast(S, 1f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(x, y);
            c1 = c1.fma(x, y);
            c2 = c2.fma(x, y);
            c3 = c3.fma(x, y);
            c4 = c4.fma(x, y);
            c5 = c5.fma(x, y);
            c6 = c6.fma(x, y);
            c7 = c7.fma(x, y);
            c8 = c8.fma(x, y);
            c9 = c9.fma(x, y);
            c10 = c10.fma(x, y);
            c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
