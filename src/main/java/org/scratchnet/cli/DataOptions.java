package org.scratchnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.data.Splits;
import picocli.CommandLine.Option;

/**
 * Where the data comes from, shared by the subcommands: the four MNIST IDX files in a folder
 * ({@code --data}, else $SCRATCHNET_DATA, else the user cache, downloading if needed) or a
 * Kaggle CSV ({@code --csv}), whose test set is a stratified held-out part.
 */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four MNIST IDX files (.gz or raw). Default: $SCRATCHNET_DATA, "
                    + "else a per-user cache folder, downloading MNIST into it if needed.")
    Path dataDir;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Kaggle digit-recognizer CSV (label,pixel0..pixel783) instead of IDX files.")
    Path csv;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "With --csv: the stratified part held out as the test set (default: ${DEFAULT-VALUE}).")
    double testFraction;

    /** {train, test}: MNIST's own split, or a seeded stratified split of the CSV. */
    Dataset[] trainAndTest(long seed) {
        if (csv != null) {
            requireOnlyOne();
            Dataset all = KaggleCsvReader.read(csv);
            if (!all.hasLabels()) throw new UserException(csv + " has no label column, so it cannot be used for training; "
                    + "that is Kaggle's test.csv: use it with 'scratchnet predict --csv'");
            Splits.Split split = Splits.stratified(all, testFraction, seed);
            return new Dataset[] {split.kept(), split.heldOut()};
        }
        return MnistFiles.load(mnistDir());
    }

    /** The data to evaluate on: MNIST's test set, or the whole CSV. */
    Dataset evaluationSet() {
        if (csv != null) {
            requireOnlyOne();
            return KaggleCsvReader.read(csv);
        }
        return MnistFiles.loadTest(mnistDir());
    }

    /** "MNIST", or the CSV file's name, for reports. */
    String name() {
        return csv != null ? csv.getFileName().toString() : "MNIST";
    }

    Path mnistDir() {
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new UserException(dataDir + " is not a folder: --data takes the folder holding the four MNIST files");
        }
        if (dataDir == null && System.getenv(MnistFiles.DATA_ENV) == null) {
            Path cache = MnistFiles.defaultCacheDir(System.getenv());
            if (!MnistFiles.missing(cache).isEmpty()) System.err.println("Downloading MNIST into " + cache + " ...");
        }
        return MnistFiles.resolve(dataDir, Terminal.stderrIsTerminal());
    }

    private void requireOnlyOne() {
        if (dataDir != null) throw new UserException("give either --data or --csv, not both");
    }
}
