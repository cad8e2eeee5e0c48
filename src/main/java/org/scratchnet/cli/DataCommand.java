package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.Seeds;
import org.scratchnet.MemoryLimit;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.data.DataSummary;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.DigitGrid;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.Splits;
import org.scratchnet.io.ImageFiles;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.plot.AugmentationGrid;
import org.scratchnet.plot.Figure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scratchnet data}: the paper's "analyse the data" step. */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse the data: examples per class, pixel statistics, and a grid of sample digits (PNG or JPEG).",
                "With --augment, the grid shows each digit beside the distorted variants training would see."})
final class DataCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--grid", paramLabel = "FILE", defaultValue = "digits.png",
            description = "Where to draw the grid of sample digits, as PNG or JPEG by the file name (default: ${DEFAULT-VALUE}).")
    Path grid;

    @Option(names = "--rows", paramLabel = "N", converter = OptionTypes.GridSide.class,
            description = "Rows of the grid (default: " + ROWS + "; with --augment " + AUGMENTED_ROWS + ").")
    Integer rows;

    @Option(names = "--cols", paramLabel = "N", converter = OptionTypes.GridSide.class,
            description = "Columns of the grid (default: " + COLS + "; with --augment " + AUGMENTED_COLS
                    + ": the original and its variants).")
    Integer cols;

    @Mixin
    AugmentOptions augmentOptions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Seeds.DEFAULT, converter = OptionTypes.Seed.class,
            description = "Which digits the grid shows and, with --csv, how the file is split, as 'train --seed' (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    static final int ROWS = 10;
    static final int COLS = 20;
    /** Bigger tiles with captions: fewer of them. */
    static final int AUGMENTED_ROWS = 6;
    static final int AUGMENTED_COLS = 8;

    @Override
    public Integer call() {
        AugmentationSpec augmentation = augmentOptions.apply(AugmentationSpec.none());
        boolean augmented = augmentation.augments();
        int rows = this.rows != null ? this.rows : augmented ? AUGMENTED_ROWS : ROWS;
        int cols = this.cols != null ? this.cols : augmented ? AUGMENTED_COLS : COLS;
        if (augmented && cols < 2) throw new UserException("--cols " + cols + " leaves no room for a variant beside each original; give 2 or more");
        ImageFiles.formatOf(grid, "--grid");  // a name we cannot honour is refused before the data is read
        data.addInputsTo(OutputFiles.check()).file("--grid", grid).verify();
        Map<String, Dataset> sets = new LinkedHashMap<>();
        if (data.csv != null) {
            Dataset all = KaggleCsvReader.read(data.csv);
            if (all.hasLabels()) {
                // The same training and test rows as 'train --csv' with this seed and fraction.
                Splits.Split split = Holdout.split(all, testFraction.value(), seed, "--test-fraction", data.csv.toString(), "test", true);
                sets.put("train", split.kept());
                if (split.heldOut().size > 0) sets.put("test", split.heldOut());
            } else {
                if (testFraction.given != null) {
                    throw new UserException(data.csv + " has no labels, so it cannot be split by class into training and"
                            + " test rows; leave out --test-fraction to summarise all of it");
                }
                sets.put("csv", all);
            }
        } else {
            DataOptions.requireNoTestFraction(testFraction);
            Dataset[] trainTest = org.scratchnet.data.MnistFiles.load(data.mnistDir());
            sets.put("train", trainTest[0]);
            sets.put("test", trainTest[1]);
        }
        Dataset first = sets.values().iterator().next();
        if (augmented) {
            if (first.features != 784) {
                throw new UserException("the augmentation grid draws 28x28 digits, and " + first.source + " has " + first.features
                        + " pixels per image; leave out --augment");
            }
            Figure figure = AugmentationGrid.figure(first, augmentation, rows, cols - 1, seed);
            MemoryLimit.require(4L * figure.width() * figure.height(), "a grid of " + rows + " x " + cols + " digits ("
                    + figure.width() + "x" + figure.height() + " pixels)", "draw fewer tiles (--rows, --cols)");
            ImageFiles.write(figure.image(), grid, "--grid");
        } else {
            DigitGrid.write(first, grid, rows, cols, seed);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset> e : sets.entrySet()) {
            DataSummary summary = DataSummary.of(e.getValue());
            if (json) result.put(e.getKey(), summary.toJson());
            else System.out.println(summary.format());
        }
        if (json) {
            result.put("grid", grid.toString());
            Json.print(result);
        } else {
            System.out.println(augmented ? "Drew " + rows + " digits of " + first.source + ", each beside " + (cols - 1)
                    + " variants of augment " + augmentation.describe() + ", into " + grid
                    : "Drew " + rows + " x " + cols + " sample digits of " + first.source + " into " + grid);
        }
        return 0;
    }
}
