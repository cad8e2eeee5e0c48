package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CPU line of benchmark output names the generation even when the model name is vague. */
class MachineTest {

    @Test
    void familyModelAndVectorsOfTheFirstProcessor() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\n"
                + "flags\t\t: fpu sse avx2 avx512f avx512vl\n\nprocessor\t: 1\nmodel name\t: something else\n";
        assertThat(Machine.describe(cpuinfo, "amd64")).isEqualTo("AMD EPYC (family 26, model 2), AVX-512");
        assertThat(Machine.describe("model name\t: Zen 3\ncpu family\t: 25\nmodel\t\t: 1\nflags\t\t: fma avx2\n", "amd64"))
                .isEqualTo("Zen 3 (family 25, model 1), AVX2");
        assertThat(Machine.describe("nothing here\n", "aarch64")).isEqualTo("aarch64");
    }
}
