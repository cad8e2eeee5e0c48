package org.scratchnet.hostile;

import java.nio.file.Path;
import java.util.Arrays;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Network;

/**
 * Small real-MNIST fixtures for subprocess cases that must otherwise succeed (so that a broken
 * check shows as damage, not as some other error): Kaggle CSVs of the first test images, and a
 * valid model file. Training on a few hundred rows takes a moment, not the full run's seconds.
 */
final class SmallData {
    private static Dataset mnistTest;

    private SmallData() {}

    /** Kaggle's train.csv format (label,pixel0..pixel783) with the first {@code rows} MNIST test images. */
    static Path trainCsv(Path file, int rows) {
        KaggleCsvReader.write(first(rows), file, true);
        return file;
    }

    /** Kaggle's test.csv format (no labels) with the first {@code rows} MNIST test images. */
    static Path testCsv(Path file, int rows) {
        KaggleCsvReader.write(first(rows), file, false);
        return file;
    }

    /** A valid 784-10 ScratchNet model. */
    static Path model(Path file) {
        ModelFile.save(file, Network.builder(784).softmax(10).seed(1).build(), null);
        return file;
    }

    private static synchronized Dataset first(int rows) {
        if (mnistTest == null) mnistTest = MnistFiles.loadTest(Cli.mnist());
        Dataset d = mnistTest;
        return new Dataset(Arrays.copyOf(d.x, rows * d.features), Arrays.copyOf(d.labels, rows), rows, d.features,
                d.classes, "the first " + rows + " MNIST test images");
    }
}
