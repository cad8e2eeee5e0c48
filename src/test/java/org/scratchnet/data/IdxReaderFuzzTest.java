package org.scratchnet.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of the IDX reader (Jazzer): any bytes, raw or gzip, read as an image
 * file and as a label file, end in a dataset or a one-line user error, and cost memory in
 * proportion to what they inflate to, never to what their header promises. Seeds and findings
 * are in src/test/resources/org/scratchnet/data/IdxReaderFuzzTestInputs; without JAZZER_FUZZ
 * this runs them as a regression test.
 */
class IdxReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".idx");
        long content = Math.max(input.length, inflatedLength(input));
        FuzzProperty.check(content, () -> IdxReader.readImages(file));
        FuzzProperty.check(content, () -> IdxReader.readLabels(file));
    }

    /** How many bytes gzip input inflates to (until its first error), or 0 for raw input. */
    static long inflatedLength(byte[] input) {
        if (input.length < 2 || (input[0] & 0xFF) != 0x1f || (input[1] & 0xFF) != 0x8b) return 0;
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new StrictGzipInputStream(new ByteArrayInputStream(input))) {
            for (int r; (r = in.read(buffer)) >= 0; ) n += r;
        } catch (IOException e) {
            // damaged data: what came out before the damage is what a reader could hold
        }
        return n;
    }
}
