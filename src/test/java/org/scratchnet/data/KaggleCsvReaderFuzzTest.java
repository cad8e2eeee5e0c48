package org.scratchnet.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of the Kaggle CSV reader (Jazzer): any bytes, raw or gzip, end in a
 * dataset or a one-line user error, with memory in proportion to the text. Seeds and findings are
 * in src/test/resources/org/scratchnet/data/KaggleCsvReaderFuzzTestInputs.
 */
class KaggleCsvReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".csv");
        long content = Math.max(input.length, IdxReaderFuzzTest.inflatedLength(input));
        FuzzProperty.check(content, () -> KaggleCsvReader.read(file));
    }
}
