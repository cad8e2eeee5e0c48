package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.data.DataSummary;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.DigitGrid;
import org.scratchnet.data.KaggleCsvReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scratchnet data}: the paper's "analyse the data" step. */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Analyse the data: examples per class, pixel statistics, and a PNG grid of sample digits.")
final class DataCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--grid", paramLabel = "PNG", defaultValue = "digits.png",
            description = "Where to draw the grid of sample digits (default: ${DEFAULT-VALUE}).")
    Path grid;

    @Option(names = "--rows", defaultValue = "10", description = "Rows of the grid (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "20", description = "Columns of the grid (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--seed", defaultValue = "42", description = "Which digits the grid shows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Dataset> sets = new LinkedHashMap<>();
        if (data.csv != null) {
            sets.put("csv", KaggleCsvReader.read(data.csv));
        } else {
            Dataset[] trainTest = org.scratchnet.data.MnistFiles.load(data.mnistDir());
            sets.put("train", trainTest[0]);
            sets.put("test", trainTest[1]);
        }
        Dataset first = sets.values().iterator().next();
        DigitGrid.writePng(first, grid, rows, cols, seed);
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
