package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What only the SIMD kernels have: how they describe themselves, and the helper the other tests
 * of this package use to make them. Their products are checked with every other implementation's
 * by {@link KernelContractTest}.
 */
class VectorKernelsTest {

    static Kernels vector(int threads) {
        Kernels k = VectorSupport.create(threads);
        assertThat(k).as("the test JVM has the Vector API module").isNotNull();
        return k;
    }

    @Test
    void describesItself() {
        assertThat(vector(2).describe()).matches("vector \\d+-bit, 2 threads, tile \\d+x2");
        assertThat(new ReferenceKernels().describe()).contains("scalar");
        assertThat(Kernels.create(2).describe()).startsWith("vector");
    }
}
