package org.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.scratchnet.tensor.Kernels;

/**
 * The layers of the design hold: the reference network reads like the paper and owes nothing to
 * the fast engine, and nothing reaches the kernels through a global (docs/architecture.md).
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/scratchnet");

    /** The reference layers and what they are made of. */
    private static final List<String> REFERENCE = List.of("Dense", "ActivationLayer", "Dropout", "SoftmaxCrossEntropy",
            "Activation", "Exp", "Layer", "Linear", "Loss", "ActivationStage", "Parameter", "Workspace");

    @Test
    void theReferenceLayersImportNeitherTheFastEngineNorTheKernels() throws IOException {
        for (String name : REFERENCE) {
            List<String> imports = Files.readAllLines(MAIN.resolve("nn/" + name + ".java")).stream()
                    .filter(line -> line.startsWith("import ")).toList();
            assertThat(imports).as(name).noneMatch(line -> line.contains("org.scratchnet.engine")
                    || line.contains("org.scratchnet.tensor") || line.contains("jdk.incubator"));
        }
    }

    @Test
    void theKernelsAreReachedOnlyThroughWhoeverWasGivenThem() throws IOException {
        // The one static method of Kernels makes new kernels; none hands out shared ones.
        List<String> statics = Arrays.stream(Kernels.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()).map(Method::getName).toList();
        assertThat(statics).containsExactly("create");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                assertThat(source).as(file.toString()).doesNotContain("ThreadLocal<Kernels>").doesNotContain("Kernels.current");
            }
        }
    }
}
