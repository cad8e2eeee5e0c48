package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.Seeds;
import org.scratchnet.UserException;
import org.scratchnet.data.DataSummary;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.DigitGrid;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.Splits;
import org.scratchnet.io.ImageFiles;
import org.scratchnet.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scratchnet data}: the paper's "analyse the data" step. */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Analyse the data: examples per class, pixel statistics, and a grid of sample digits (PNG or JPEG).")
final class DataCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--grid", paramLabel = "FILE", defaultValue = "digits.png",
            description = "Where to draw the grid of sample digits, as PNG or JPEG by the file name (default: ${DEFAULT-VALUE}).")
    Path grid;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10", converter = OptionTypes.GridSide.class, description = "Rows of the grid (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", paramLabel = "N", defaultValue = "20", converter = OptionTypes.GridSide.class, description = "Columns of the grid (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Seeds.DEFAULT, converter = OptionTypes.Seed.class,
            description = "Which digits the grid shows and, with --csv, how the file is split, as 'train --seed' (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
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
        DigitGrid.write(first, grid, rows, cols, seed);
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
            System.out.println("Drew " + rows + " x " + cols + " sample digits of " + first.source + " into " + grid);
        }
        return 0;
    }
}
