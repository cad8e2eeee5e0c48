package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * CI runs the kernels' tests a second time with {@code -XX:UseAVX=2}, so that the 256-bit paths
 * an AVX2 machine (Zen 3) takes are tested on an AVX-512 one too. That run also sets
 * {@code scratchnet.test.vectorBits=256}; this test fails if the JVM did not in fact give the
 * kernels that width (a flag lost on the way would otherwise pass the run at 512 bits again).
 */
class VectorWidthTest {

    @Test
    void theKernelsRunAtTheVectorWidthTheTestRunAskedFor() {
        String bits = System.getProperty("scratchnet.test.vectorBits");
        assumeTrue(bits != null, "only in CI's second run of the kernels' tests (-Dscratchnet.test.vectorBits=256)");
        assertThat(Kernels.create(2).describe()).startsWith("vector " + bits + "-bit");
    }
}
