package org.scratchnet.experiment;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of the experiment-file reader (Jazzer): any bytes (not UTF-8, not YAML,
 * YAML of the wrong shape, aliases, huge numbers) end in an experiment or a one-line user error.
 * Seeds and findings are in src/test/resources/org/scratchnet/experiment/ExperimentFileFuzzTestInputs.
 */
class ExperimentFileFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".yaml");
        FuzzProperty.check(input.length, () -> ExperimentFile.read(file));
    }
}
