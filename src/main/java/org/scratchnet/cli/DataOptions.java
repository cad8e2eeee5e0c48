package org.scratchnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.Count;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.data.Splits;
import org.scratchnet.io.OutputFiles;
import picocli.CommandLine.Option;

/**
 * Where the data comes from, shared by the subcommands: the four MNIST IDX files in a folder
 * ({@code --data}, else $SCRATCHNET_DATA, else the user cache, downloading if needed) or a
 * Kaggle CSV ({@code --csv}), whose test set is a stratified held-out part ({@link CsvSplit}).
 */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four MNIST IDX files (.gz or raw). Default: $SCRATCHNET_DATA, "
                    + "else a per-user cache folder, downloading MNIST into it if needed.")
    Path dataDir;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Kaggle digit-recognizer CSV (label,pixel0..pixel783) instead of IDX files.")
    Path csv;

    /** Training and test data; {@code split} says how a CSV was divided (null for MNIST's own split). */
    record TrainTest(Dataset train, Dataset test, CsvSplit split) {}

    /** The data to evaluate on and, for people, what it is. */
    record EvaluationSet(Dataset data, String description) {}

    /** {train, test}: MNIST's own split, or a seeded stratified split of the CSV. */
    TrainTest trainAndTest(TestFractionOption testFraction, long seed) {
        if (csv != null) {
            requireOnlyOne();
            Dataset all = KaggleCsvReader.read(csv);
            if (!all.hasLabels()) throw new UserException(csv + " has no label column, so it cannot be used for training; "
                    + "that is Kaggle's test.csv: use it with 'scratchnet predict --csv'");
            Splits.Split split = Holdout.split(all, testFraction.value(), seed, "--test-fraction", csv.toString(), "test", false);
            return new TrainTest(split.kept(), split.heldOut(),
                    CsvSplit.of(csv.toString(), all, testFraction.value(), seed, split.heldOut().size));
        }
        requireNoTestFraction(testFraction);
        Dataset[] mnist = MnistFiles.load(mnistDir());
        Holdout.requireExamples(mnist[0], "to train on");
        Holdout.requireExamples(mnist[1], "to test on");
        return new TrainTest(mnist[0], mnist[1], null);
    }

    /** --test-fraction only means something for a CSV: MNIST comes with its own test set. */
    static void requireNoTestFraction(TestFractionOption testFraction) {
        if (testFraction.given != null) {
            throw new UserException("--test-fraction goes with --csv: MNIST comes with its own test set of 10,000 images");
        }
    }

    /**
     * The data to evaluate a model on: MNIST's test set; with --csv, the rows the model was tested on
     * when it was trained on that file (found again from the split its metadata records); with
     * --csv and {@code all}, every row of the file.
     */
    EvaluationSet evaluationSet(Map<String, String> modelMetadata, String modelName, boolean all) {
        if (csv == null) {
            if (all) throw new UserException("--all goes with --csv: MNIST's test set is always evaluated whole");
            Dataset test = Holdout.requireExamples(MnistFiles.loadTest(mnistDir()), "to evaluate on");
            return new EvaluationSet(test, String.format(Locale.ROOT, "MNIST's test set (%,d images)", test.size));
        }
        requireOnlyOne();
        String fileName = csv.getFileName().toString();
        CsvSplit split = CsvSplit.from(modelMetadata, modelName);
        Dataset rows = KaggleCsvReader.read(csv);
        boolean trainedOnIt = split != null && split.matches(rows);
        if (all) {
            String what = "all " + Count.of(rows.size, "row") + " of " + fileName;
            if (trainedOnIt) {
                what += String.format(Locale.ROOT, " (the model was trained on %,d of them)", rows.size - split.testRows());
            }
            return new EvaluationSet(rows, what);
        }
        if (trainedOnIt) return new EvaluationSet(split.testPart(rows), split.describe(fileName) + ", as at training");
        if (split != null) {
            throw new UserException(csv + " is not the file " + modelName + " was trained on (" + split.file() + ", "
                    + String.format(Locale.ROOT, "%,d", split.rows()) + " rows; the rows differ), so its held-out part cannot be"
                    + " found; add --all to evaluate every row of " + fileName);
        }
        throw new UserException(modelName + " was not trained on a split of " + fileName + " (it was trained on "
                + modelMetadata.getOrDefault("data", "data it does not record") + "), so there is no held-out part to"
                + " evaluate; add --all to evaluate every row of " + fileName);
    }

    /**
     * Adds the files this data is read from, as far as they exist now, to an output check: no
     * output may overwrite them. The MNIST folder is the one {@link #mnistDir()} would use.
     */
    OutputFiles addInputsTo(OutputFiles check) {
        check.input("--csv", csv);
        String fromEnv = System.getenv(MnistFiles.DATA_ENV);
        Path dir = dataDir != null ? dataDir
                : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv.strip()) : MnistFiles.defaultCacheDir(System.getenv());
        if (csv == null || dataDir != null) {
            for (String name : MnistFiles.NAMES) check.input("the MNIST file", MnistFiles.file(dir, name));
        }
        return check;
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
