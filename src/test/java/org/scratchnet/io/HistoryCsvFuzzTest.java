package org.scratchnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of the history-CSV reader (Jazzer), which {@code serve --history} and
 * {@code plot history} read: any bytes end in rows or a one-line user error. Seeds and findings
 * are in src/test/resources/org/scratchnet/io/HistoryCsvFuzzTestInputs.
 */
class HistoryCsvFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".csv");
        FuzzProperty.check(input.length, () -> HistoryCsv.read(file));
    }
}
