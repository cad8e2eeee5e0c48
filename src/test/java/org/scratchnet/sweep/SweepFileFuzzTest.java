package org.scratchnet.sweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of the sweep-file reader (Jazzer): any bytes end in a sweep expanded into
 * its trials, or a one-line user error, and a small file cannot expand into more memory than the
 * property allows (a grid's or a random search's trials are counted before they are made). Seeds
 * and findings are in src/test/resources/org/scratchnet/sweep/SweepFileFuzzTestInputs.
 */
class SweepFileFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".yaml");
        FuzzProperty.check(input.length, () -> SweepFile.read(file));
    }
}
