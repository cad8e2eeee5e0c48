package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * Every float kernel that runs on this machine computes in one float vector species, the
 * preferred one. The JIT profiles the Vector API's shared methods across all their callers; a
 * second float vector class seen there (the elastic field's draws once converted into half-width
 * floats) made the dense products compiled after it box every vector they computed: training with
 * {@code --augment elastic} ran 3-4x slower, nearly all of it allocating. The two octet kernels of
 * W1 each have a fixed width and run only where it is the preferred one.
 */
class OneFloatSpeciesTest {
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void everyFloatSpeciesThatRunsHereIsThePreferredOne() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> type : classesNamingAVectorSpecies()) {
            if (type == OctetGemm.class && VectorKernels.octetLanesForThisMachine() != OctetGemm.LANES) continue;
            if (type == OctetGemm16.class && VectorKernels.octetLanesForThisMachine() != OctetGemm16.LANES) continue;
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != VectorSpecies.class) continue;
                field.setAccessible(true);
                VectorSpecies<?> species = (VectorSpecies<?>) field.get(null);
                if (species.elementType() != float.class) continue;
                assertThat(species).as(type.getSimpleName() + "." + field.getName()).isEqualTo(FloatVector.SPECIES_PREFERRED);
                checked.add(type.getSimpleName() + "." + field.getName());
            }
        }
        // The check saw the kernels it guards: the dense products, the first layer's and the elastic field's.
        assertThat(checked).contains("VectorKernels.S", "VectorSmoothing.S", "VectorNoiseRows.F", "VectorResampling.S");
    }

    /** The main classes whose source mentions VectorSpecies, loaded and initialised. */
    private static List<Class<?>> classesNamingAVectorSpecies() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!Files.readString(file).contains("VectorSpecies")) continue;
                String name = MAIN.relativize(file).toString().replace(".java", "").replace(file.getFileSystem().getSeparator(), ".");
                classes.add(Class.forName(name, true, OneFloatSpeciesTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
