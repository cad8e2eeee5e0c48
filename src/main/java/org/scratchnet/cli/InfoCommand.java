package org.scratchnet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.scratchnet.UserException;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.CheckpointFile;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet info MODEL}: what is inside a model file without parsing its header by hand:
 * the file (size, format version), the network (layers, activations, dropout, parameters per layer
 * and in all), the metrics measured when it was trained, the test split it was trained with, and
 * the rest of its provenance (options, seed, data), all from the file's metadata. Given a run's
 * checkpoint instead, {@link CheckpointInfo} says where that run stands.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show what a model file holds: architecture, parameter counts, provenance, metrics, file size and format version;"
                + " or, given a checkpoint, where its run stands and how to continue it.")
final class InfoCommand implements Callable<Integer> {

    /** Metadata that describes the network or the file, shown in their own sections. */
    private static final Set<String> STRUCTURE = Set.of("format", "format_version", "layer_sizes", "activations", "dropout",
            "input_dropout", "preprocessing");
    /** Metadata that holds measured numbers. */
    private static final List<String> METRICS = List.of("test_accuracy", "train_accuracy", "training_seconds");
    private static final Set<String> SPLIT = Set.of("test_split", "test_fraction", "split_seed", "data_rows", "test_rows",
            "data_sha256");

    @Parameters(paramLabel = "MODEL", description = "A model saved by 'scratchnet train', or a run's checkpoint (where the run"
            + " stands and how to continue it).")
    Path model;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    /** One dense layer: its shape, activation, dropout after it, and parameter count. */
    record Layer(int index, int inputs, int outputs, String activation, float dropout, long parameters) {}

    @Override
    public Integer call() {
        if (CheckpointFile.startsLikeOne(model)) return CheckpointInfo.show(model, size(model), json);
        ModelFile.Loaded loaded = ModelFile.load(model);
        Map<String, String> meta = loaded.metadata();
        Architecture a = loaded.network().architecture();
        List<Layer> layers = layers(a);
        long total = layers.stream().mapToLong(Layer::parameters).sum();
        long bytes = size(model);
        Map<String, String> provenance = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (!STRUCTURE.contains(k) && !METRICS.contains(k) && !SPLIT.contains(k)) provenance.put(k, v);
        });
        CsvSplit split = CsvSplit.from(meta, model.toString());
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.toString());
            out.put("file_bytes", bytes);
            out.put("format", meta.get("format"));
            out.put("format_version", meta.get("format_version"));
            out.put("layers", a.sizesText());
            out.put("activations", a.activationsText());
            out.put("dropout", a.dropoutText());
            out.put("input_dropout", a.inputDropout());
            List<Map<String, Object>> perLayer = new ArrayList<>();
            for (Layer l : layers) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("layer", l.index());
                m.put("inputs", l.inputs());
                m.put("outputs", l.outputs());
                m.put("activation", l.activation());
                m.put("dropout", l.dropout());
                m.put("parameters", l.parameters());
                perLayer.add(m);
            }
            out.put("per_layer", perLayer);
            out.put("parameters", total);
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String k : METRICS) if (meta.containsKey(k)) metrics.put(k, number(meta.get(k)));
            out.put("metrics", metrics);
            Map<String, Object> testSplit = null;
            if (split != null) {
                testSplit = new LinkedHashMap<>();
                testSplit.put("file", split.file());
                testSplit.put("test_fraction", split.testFraction());
                testSplit.put("split_seed", split.seed());
                testSplit.put("rows", split.rows());
                testSplit.put("test_rows", split.testRows());
                testSplit.put("sha256", split.sha256());
            }
            out.put("test_split", testSplit);
            out.put("provenance", provenance);
            out.put("preprocessing", meta.get("preprocessing"));
            Json.print(out);
            return 0;
        }
        System.out.printf(Locale.ROOT, "Model %s: %s format version %s, %,d bytes%n", model, meta.get("format"),
                meta.get("format_version"), bytes);
        System.out.printf(Locale.ROOT, "Network %s%n", a);
        System.out.printf(Locale.ROOT, "  %-6s %-14s %-10s %-8s %12s%n", "layer", "shape", "activation", "dropout", "parameters");
        for (Layer l : layers) {
            System.out.printf(Locale.ROOT, "  %-6d %-14s %-10s %-8s %,12d%n", l.index(), l.inputs() + " -> " + l.outputs(),
                    l.activation(), l.index() < layers.size() ? dropoutText(l.dropout()) : "", l.parameters());
        }
        System.out.printf(Locale.ROOT, "  %-41s %,12d%n", "total", total);
        if (a.inputDropout() > 0f) {
            System.out.printf(Locale.ROOT, "Input dropout: %s of the pixels dropped in training (inference uses them all)%n",
                    a.inputDropoutText());
        }
        List<String> measured = new ArrayList<>();
        for (String k : METRICS) {
            if (!meta.containsKey(k)) continue;
            Double v = number(meta.get(k));
            String shown = v == null ? meta.get(k)
                    : k.endsWith("accuracy") ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                    : String.format(Locale.ROOT, "%.1f s", v);
            measured.add(k.replace("training_seconds", "training time").replace('_', ' ') + " " + shown);
        }
        System.out.println("Metrics: " + (measured.isEmpty() ? "none recorded" : String.join(", ", measured)));
        if (split != null) {
            System.out.println("Test set: " + split.describe(Path.of(split.file()).getFileName().toString())
                    + "; 'scratchnet evaluate --model " + model + " --csv " + split.file() + "' evaluates it again");
        }
        System.out.println("Provenance:" + (provenance.isEmpty() ? " none recorded" : ""));
        provenance.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-18s %s%n", k, v));
        if (meta.containsKey("preprocessing")) System.out.println("Input: " + meta.get("preprocessing"));
        return 0;
    }

    static List<Layer> layers(Architecture a) {
        int[] sizes = a.sizes();
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            boolean hidden = i + 1 < sizes.length - 1;
            out.add(new Layer(i + 1, sizes[i], sizes[i + 1], hidden ? a.activations()[i].id() : "softmax",
                    hidden ? a.dropout()[i] : 0f, (long) sizes[i] * sizes[i + 1] + sizes[i + 1]));
        }
        return out;
    }

    private static String dropoutText(float rate) {
        return rate == 0f ? "0" : Float.toString(rate);
    }

    /** A metadata number, or null when it is not a finite number (JSON has no NaN). */
    private static Double number(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UserException("cannot read the size of " + file + ": " + AtomicFiles.describe(e));
        }
    }
}
