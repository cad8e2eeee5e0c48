package org.scratchnet.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.scratchnet.fuzz.FuzzProperty;

/**
 * Coverage-guided fuzzing of the safetensors reader and the model loader on top of it (Jazzer):
 * any bytes end in a loaded model or a one-line user error, and metadata cannot make the loader
 * allocate a network the tensors do not hold. Seeds and findings are in
 * src/test/resources/org/scratchnet/io/ModelFileFuzzTestInputs.
 */
class ModelFileFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsLoadedOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(input, ".safetensors");
        FuzzProperty.check(input.length, () -> ModelFile.load(file));
    }
}
