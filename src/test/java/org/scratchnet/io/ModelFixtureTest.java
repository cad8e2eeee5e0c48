package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.eval.Evaluation;

/**
 * A model file written by ScratchNet's model format version 1 (784-16-10, relu, one epoch, seed
 * 7), committed as it was written: every later release must load it and predict with it exactly
 * as the release that wrote it did. If this test fails, the format changed; raise
 * {@link ModelFile#FORMAT_VERSION} and keep reading version 1.
 */
class ModelFixtureTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/models/scratchnet-format1-784-16-10.safetensors");

    @Test
    void theVersionOneFixtureLoadsWithItsArchitectureAndProvenance() {
        ModelFile.Loaded loaded = ModelFile.load(FIXTURE);
        assertThat(loaded.network().architecture().sizesText()).isEqualTo("784-16-10");
        assertThat(loaded.network().architecture().activationsText()).isEqualTo("relu,softmax");
        assertThat(loaded.metadata()).containsEntry("format", "scratchnet").containsEntry("format_version", "1")
                .containsEntry("seed", "7").containsEntry("epochs", "1").containsEntry("optimizer", "adam");
    }

    @Test
    void theVersionOneFixturePredictsAsWhenItWasSaved() {
        ModelFile.Loaded loaded = ModelFile.load(FIXTURE);
        Dataset test = MnistFiles.loadTest(Path.of(System.getProperty("mnist.dir", "../shared/mnist")));
        Evaluation evaluation = Evaluation.of(loaded.network(), test);
        // The accuracy it recorded when saved, to the 6 decimals it was stored with.
        assertThat(evaluation.accuracy()).isCloseTo(Double.parseDouble(loaded.metadata().get("test_accuracy")),
                org.assertj.core.data.Offset.offset(5e-7));
        // The classes it gave the first 20 test images when this fixture was committed.
        assertThat(Arrays.copyOf(evaluation.predicted(), 20)).containsExactly(PREDICTED_FIRST_20);
    }

    static final int[] PREDICTED_FIRST_20 = {7, 2, 1, 0, 4, 1, 4, 9, 6, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4};
}
