package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the Vector API module (plain java -jar) or when asked, the scalar kernels take over. */
class FallbackTest {

    @Test
    void theScalarKernelsCanBeForced() {
        String old = System.getProperty("scratchnet.kernels");
        System.setProperty("scratchnet.kernels", "scalar");
        try {
            assertThat(Kernels.create(2)).isInstanceOf(ParallelKernels.class);
            assertThat(Kernels.create(1)).isInstanceOf(ReferenceKernels.class);
        } finally {
            if (old == null) System.clearProperty("scratchnet.kernels");
            else System.setProperty("scratchnet.kernels", old);
        }
        assertThat(Kernels.create(2).describe()).startsWith("vector");
    }

    /** Run by a JVM started without --add-modules jdk.incubator.vector. */
    public static void main(String[] args) {
        Kernels kernels = Kernels.create(Runtime.getRuntime().availableProcessors());
        float[] C = new float[4];
        kernels.aTimesBTransposed(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, null, C, 2, 2, 2);
        System.out.println(kernels.describe() + " " + java.util.Arrays.toString(C));
    }

    @Test
    void withoutTheModuleTheScalarKernelsRunAndNoVectorClassIsLoaded() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
                FallbackTest.class.getName())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("scalar, ").contains("[17.0, 23.0, 39.0, 53.0]");
        assertThat(output).doesNotContain("jdk.incubator.vector").doesNotContain("org.scratchnet.tensor.VectorKernels ")
                .doesNotContain("org.scratchnet.tensor.Gemm ");
    }
}
