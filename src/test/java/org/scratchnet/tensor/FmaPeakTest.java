package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The plumbing of the measured peak (not its speed, which depends on the machine and its load):
 * the FLOPs it counts follow from the species, the chains, the iterations and the threads, and
 * the figures it reports are those of the threads that ran.
 */
class FmaPeakTest {

    @Test
    void measuresThePreferredSpeciesOnTheThreadsAsked() {
        for (int threads : new int[] {1, 2, 3}) {
            FmaPeak peak = FmaPeak.measure(threads, 20_000, 2).orElseThrow();
            assertThat(peak.threads()).isEqualTo(threads);
            assertThat(peak.vectorBits()).isEqualTo(FloatVector.SPECIES_PREFERRED.vectorBitSize());
            assertThat(peak.chains()).isEqualTo(FmaKernel.CHAINS);
            assertThat(peak.trials()).isEqualTo(2);
            assertThat(peak.trialSeconds()).isPositive();
            // FLOPs counted: 2 per lane of each FMA, of every chain, iteration and thread, over the best trial
            double flops = 2.0 * FloatVector.SPECIES_PREFERRED.length() * FmaKernel.CHAINS * 20_000 * threads;
            assertThat(peak.gflops()).isCloseTo(flops / peak.trialSeconds() / 1e9, org.assertj.core.data.Offset.offset(1e-6 * peak.gflops()));
            assertThat(peak.gflopsPerThread()).isEqualTo(peak.gflops() / threads);
            assertThat(peak.explain()).contains(threads + " thread").contains(FmaKernel.CHAINS + " chains")
                    .contains(peak.vectorBits() + "-bit").contains("best of 2 trials");
        }
    }

    @Test
    void theChainsStayFiniteHoweverLongTheyRun() {
        // they converge to y / (1 - x) = 1000 in every lane: 12 chains x lanes x 1000
        float sum = FmaKernel.run(1_000_000);
        assertThat(sum).isCloseTo(12f * FmaKernel.lanes() * 1000f, org.assertj.core.data.Offset.offset(1f * FmaKernel.lanes()));
        assertThat(FmaKernel.run(0)).isZero();
    }

    @Test
    void nonsenseArgumentsAreRefused() {
        assertThatThrownBy(() -> FmaPeak.measure(0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FmaPeak.measure(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FmaPeak.measure(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
