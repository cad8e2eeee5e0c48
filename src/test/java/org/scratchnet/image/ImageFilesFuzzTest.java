package org.scratchnet.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of image loading (Jazzer): any bytes end in a decoded image or a
 * one-line user error. A few bytes of PNG header can declare any size, so here the property's
 * allowance is what the pixel limit admits: with the limit set to {@value #PIXELS} pixels, a
 * decoder that allocated for a larger declared size shows at once. Seeds and findings are in
 * src/test/resources/org/scratchnet/image/ImageFilesFuzzTestInputs.
 */
class ImageFilesFuzzTest {
    static final long PIXELS = 1 << 18;

    @FuzzTest(maxDuration = "10s")
    void anyFileIsDecodedOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".png");
        FuzzProperty.check(input.length + PIXELS, () -> ImageFiles.read(file, PIXELS));  // 64 bytes a pixel: 16 MB
    }
}
