package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.Count;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.image.MnistImage;
import org.scratchnet.image.Polarity;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.eval.Committee;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet predict}: the top classes of images (converted the way MNIST was made), every
 * probability of each image or CSV row into a file, or a Kaggle submission for a label-less test.csv.
 *
 * <p>Images are read and predicted {@value #CHUNK} at a time and each result is printed or written
 * as soon as its chunk is done, so a folder (or a quoted glob) of ten thousand files runs in flat
 * memory; {@code --output FILE.csv|FILE.jsonl} gets one row per image ({@link PredictionRows}).
 * One that cannot be read (missing, corrupt, blank) is reported on its own line on stderr,
 * {@code scratchnet: PATH: WHY} (and as a row with its error in the output file), the others are
 * still classified, and the exit code is 2 at the end if any failed. With {@code --csv},
 * {@code --output} gets each row's probabilities, and a labelled file its accuracy.
 *
 * <p>Several {@code --model}s answer as a {@link Committee} (the mean of their probabilities) in
 * every mode; one model answers as itself. For images, a committee's line also shows the members'
 * classes where they split, and {@code --json} each member's answer.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify digit images (PNG/JPEG, any size, dark-on-light or light-on-dark; folders of them), "
                + "or write a Kaggle submission (ImageId,Label) for Kaggle's test.csv.")
final class PredictCommand implements Callable<Integer> {

    static final int DEFAULT_TOP = 3;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model saved by 'scratchnet train' (or a PyTorch state dict with --layers/--activation)."
                    + " Repeat it for a committee: the models answer together with the mean of their probabilities.")
    List<Path> models;

    @Mixin
    StateDictOptions stateDict;

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "Images to classify, folders (every image in one, in name order) or quoted globs ('scans/*.png').")
    List<Path> images = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Kaggle test.csv (pixel0..pixel783, labels optional) to predict.")
    Path csv;

    @Option(names = "--submission", paramLabel = "FILE", description = "With --csv: write Kaggle's ImageId,Label file here.")
    Path submission;

    @Option(names = "--top", paramLabel = "K", description = "Classes to show per image, 1 to the model's classes (default: " + DEFAULT_TOP + ").")
    Integer top;

    @Option(names = "--invert", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "yes: the digit is dark on a light background (inverted into MNIST's white on black); "
                    + "no: it is light on dark; auto: decide from each picture (default: ${DEFAULT-VALUE}).")
    String invert;

    @Option(names = "--show-input", paramLabel = "FILE|DIR",
            description = "Write the 28x28 input the network sees (scaled up " + ShowInput.SCALE + "x) as a PNG: "
                    + "to FILE for one image, into the folder DIR for several.")
    Path showInput;

    @Option(names = "--output", paramLabel = "FILE", description = "Write every image's (or CSV row's) probabilities here,"
            + " one row each as it is predicted: FILE.csv (image,prediction,p0..p9,error; a committee's members' classes after)"
            + " or FILE.jsonl (JSON Lines).")
    Path output;

    @Option(names = "--json", description = "Print one JSON object on stdout, with each image's full probability vector"
            + " (a committee's members' too; with --output: a summary of the run).")
    boolean json;

    /** Images read and predicted together: enough for the fast batch path, few enough to keep memory flat. */
    static final int CHUNK = 256;

    @Override
    public Integer call() {
        if (csv != null) {
            if (!images.isEmpty()) {
                throw new UserException("give either images or --csv, not both (" + images.size() + " image argument"
                        + (images.size() == 1 ? "" : "s") + " given with --csv " + csv + ")");
            }
            if (showInput != null) throw new UserException("--show-input goes with images, not with --csv");
        } else {
            if (images.isEmpty()) throw new UserException("give images to classify, or --csv FILE --submission OUT");
            if (submission != null) throw new UserException("--submission goes with --csv");
        }
        Polarity polarity = polarity(invert);
        if (output != null) PredictionRows.formatOf(output);
        ImageArguments arguments = ImageArguments.expand(images);
        ShowInput pictures = showInput == null || arguments.images.isEmpty() ? null : ShowInput.plan(showInput, arguments.images);
        OutputFiles outputs = OutputFiles.check().inputs("--model", models).input("--csv", csv)
                .inputs("an image", arguments.images).file("--submission", submission).file("--output", output);
        if (pictures != null) pictures.addTo(outputs);
        outputs.verify();
        Committee net = CommitteeModels.committee(CommitteeModels.load(models, stateDict));
        int k = top == null ? Math.min(DEFAULT_TOP, net.classes()) : top;
        if (k < 1 || k > net.classes()) {
            throw new UserException("--top must be between 1 and " + net.classes() + " (the model's classes), got " + k);
        }
        if (csv != null) return predictCsv(net);
        if (net.inputSize() != MnistImage.PIXELS) {
            throw new UserException("the model takes " + net.inputSize() + " inputs; images are converted to 28x28 = 784");
        }

        if (output == null) return predictImages(net, arguments, polarity, k, pictures, null);
        PredictionRows.Format format = PredictionRows.formatOf(output);
        long start = System.nanoTime();
        int[] failed = new int[1];
        AtomicFiles.write(output, out -> {
            try (PredictionRows rows = PredictionRows.start(out, format, net.classes(), false, net.size())) {
                failed[0] = predictImages(net, arguments, polarity, k, pictures, rows);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        int predicted = arguments.images.size() - (failed[0] - arguments.failures.size());
        summary(predicted, failed[0], seconds, null);
        return failed[0] == 0 ? 0 : Main.USER_ERROR;
    }

    /**
     * Predicts the images {@value #CHUNK} at a time, each result printed (or written to
     * {@code rows}) as soon as its chunk is done, so that memory does not grow with the number of
     * images (except for --json on stdout, which is one object holding them all). Returns the
     * exit code without rows, the number of failures with them.
     */
    private int predictImages(Committee net, ImageArguments arguments, Polarity polarity, int k, ShowInput pictures,
                              PredictionRows rows) {
        List<ImageArguments.Failure> failures = new ArrayList<>(arguments.failures);
        for (ImageArguments.Failure f : failures) {
            report(f);
            if (rows != null) rows.failed(f.path().toString(), f.why());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int C = net.classes();
        float[] X = new float[Math.min(CHUNK, Math.max(1, arguments.images.size())) * MnistImage.PIXELS];
        List<Path> read = new ArrayList<>();
        for (int from = 0; from < arguments.images.size(); from += CHUNK) {
            read.clear();
            List<Integer> failedBefore = new ArrayList<>();  // a failure came when this many of the chunk were read
            List<ImageArguments.Failure> failedHere = new ArrayList<>();
            for (Path image : arguments.images.subList(from, Math.min(from + CHUNK, arguments.images.size()))) {
                try {
                    float[] x = MnistImage.load(image, polarity);
                    System.arraycopy(x, 0, X, read.size() * MnistImage.PIXELS, MnistImage.PIXELS);
                    read.add(image);
                } catch (UserException e) {
                    ImageArguments.Failure failure = new ImageArguments.Failure(image, ImageArguments.reason(image, e.getMessage()));
                    failures.add(failure);
                    report(failure);
                    failedBefore.add(read.size());
                    failedHere.add(failure);
                }
            }
            List<float[]> each = read.isEmpty() ? List.of(new float[0]) : net.memberProbabilities(X, read.size());
            float[] probabilities = Committee.mean(each);
            int nextFailure = 0;
            for (int i = 0; i <= read.size(); i++) {
                // The output file keeps the order of the images: a failed one's row where it was.
                for (; rows != null && nextFailure < failedHere.size() && failedBefore.get(nextFailure) == i; nextFailure++) {
                    rows.failed(failedHere.get(nextFailure).path().toString(), failedHere.get(nextFailure).why());
                }
                if (i == read.size()) break;
                Integer[] order = order(probabilities, i * C, C);
                if (rows != null) {
                    rows.predicted(read.get(i).toString(), order[0], probabilities, i * C, -1, each.size() > 1 ? votes(each, i, C) : null);
                    if (pictures != null) pictures.write(read.get(i), java.util.Arrays.copyOfRange(X, i * MnistImage.PIXELS, (i + 1) * MnistImage.PIXELS));
                    continue;
                }
                float[] p = java.util.Arrays.copyOfRange(probabilities, i * C, (i + 1) * C);
                List<Map<String, Object>> best = new ArrayList<>();
                StringBuilder line = new StringBuilder(read.get(i).toString()).append(':');
                for (int r = 0; r < k; r++) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("class", order[r]);
                    entry.put("probability", p[order[r]]);
                    best.add(entry);
                    line.append(String.format(Locale.ROOT, "  %d (%.1f%%)", order[r], 100 * p[order[r]]));
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("image", read.get(i).toString());
                result.put("prediction", order[0]);
                result.put("top", best);
                result.put("probabilities", p);
                if (each.size() > 1) {
                    int[] votes = votes(each, i, C);
                    result.put("members", members(each, votes, i, C));
                    if (java.util.Arrays.stream(votes).anyMatch(v -> v != votes[0])) {
                        line.append("   (members split: ").append(java.util.Arrays.toString(votes).replaceAll("[\\[\\]]", "")).append(')');
                    }
                }
                if (pictures != null) {
                    float[] input = java.util.Arrays.copyOfRange(X, i * MnistImage.PIXELS, (i + 1) * MnistImage.PIXELS);
                    Path written = pictures.write(read.get(i), input);
                    result.put("input_picture", written.toString());
                    line.append("   (input as the network sees it, ").append(ShowInput.SIDE).append('x').append(ShowInput.SIDE)
                            .append(": ").append(written).append(')');
                }
                if (json) results.add(result);
                else System.out.println(line);
            }
        }
        if (rows != null) return failures.size();
        if (json) {
            List<Map<String, Object>> failed = new ArrayList<>();
            for (ImageArguments.Failure f : failures) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("image", f.path().toString());
                entry.put("error", f.why());
                failed.add(entry);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("predictions", results);
            out.put("failed", failed);
            Json.print(out);
        }
        return failures.isEmpty() ? 0 : Main.USER_ERROR;
    }

    /** Each member's answer for image {@code i}, in --model order: its file, its class ({@code votes}) and its probabilities. */
    private List<Map<String, Object>> members(List<float[]> each, int[] votes, int i, int classes) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int m = 0; m < each.size(); m++) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("model", models.get(m).toString());
            member.put("prediction", votes[m]);
            member.put("probabilities", java.util.Arrays.copyOfRange(each.get(m), i * classes, (i + 1) * classes));
            members.add(member);
        }
        return members;
    }

    /** Each member's class for image {@code i}, in --model order. */
    private static int[] votes(List<float[]> each, int i, int classes) {
        return each.stream().mapToInt(p -> Committee.argmax(p, i * classes, classes)).toArray();
    }

    /** Class indices by falling probability, for row {@code offset} of {@code probabilities}. */
    private static Integer[] order(float[] probabilities, int offset, int classes) {
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) order[c] = c;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probabilities[offset + b], probabilities[offset + a]));
        return order;
    }

    /** What a run with --output did, on stdout (or as JSON): the rows are in the file. */
    private void summary(int predicted, int failed, double seconds, Double accuracy) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("output", output.toString());
            result.put("predicted", predicted);
            result.put("failed", failed);
            result.put("seconds", seconds);
            result.put("images_per_second", seconds > 0 ? predicted / seconds : null);
            if (accuracy != null) result.put("accuracy", accuracy);
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Predicted %s in %.1f s (%,.0f per second)%s; wrote %s%n", Count.of(predicted, "image"),
                    seconds, seconds > 0 ? predicted / seconds : 0.0, failed == 0 ? "" : ", " + failed + " could not be read", output);
        }
    }

    /** One line on stderr for an image that could not be classified. */
    private static void report(ImageArguments.Failure f) {
        System.err.println("scratchnet: " + OneLine.of(f.path() + ": " + f.why()));
    }

    static Polarity polarity(String invert) {
        return switch (invert.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Polarity.AUTO;
            case "yes" -> Polarity.DARK_ON_LIGHT;
            case "no" -> Polarity.LIGHT_ON_DARK;
            default -> throw new UserException("--invert takes auto, yes (dark digit on a light background) or no"
                    + " (light on dark), got '" + invert + "'");
        };
    }

    private int predictCsv(Committee net) {
        long start = System.nanoTime();
        Dataset data = KaggleCsvReader.read(csv);
        if (data.features != net.inputSize()) {
            throw new UserException(csv + " has " + data.features + " pixels per row but the model takes " + net.inputSize());
        }
        int C = net.classes();
        int[] predicted = new int[data.size];
        List<AtomicFiles.Output> outputs = new ArrayList<>();
        if (output != null) {
            PredictionRows.Format format = PredictionRows.formatOf(output);
            // The rows are computed while the file is written, a chunk at a time: the probabilities never all exist at once.
            outputs.add(new AtomicFiles.Output(output, out -> {
                try (PredictionRows rows = PredictionRows.start(out, format, C, data.hasLabels(), net.size())) {
                    for (int from = 0; from < data.size; from += CHUNK) {
                        int n = Math.min(CHUNK, data.size - from);
                        float[] X = java.util.Arrays.copyOfRange(data.x, from * data.features, (from + n) * data.features);
                        List<float[]> each = net.memberProbabilities(X, n);
                        float[] p = Committee.mean(each);
                        for (int i = 0; i < n; i++) {
                            predicted[from + i] = order(p, i * C, C)[0];
                            rows.predicted(Integer.toString(from + i + 1), predicted[from + i], p, i * C,
                                    data.hasLabels() ? data.labels[from + i] : -1, each.size() > 1 ? votes(each, i, C) : null);
                        }
                    }
                }
            }));
        } else {
            System.arraycopy(net.predict(data), 0, predicted, 0, data.size);
        }
        if (submission != null) {
            outputs.add(new AtomicFiles.Output(submission, out -> {
                StringBuilder s = new StringBuilder("ImageId,Label\n");
                for (int i = 0; i < predicted.length; i++) s.append(i + 1).append(',').append(predicted[i]).append('\n');
                out.write(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }));
        }
        AtomicFiles.writeAll(outputs);  // the rows file first: the submission is made from the predictions it computes
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] counts = new int[C];
        for (int p : predicted) counts[p]++;
        Double accuracy = null;
        if (data.hasLabels()) {
            int correct = 0;
            for (int i = 0; i < data.size; i++) if (predicted[i] == data.labels[i]) correct++;
            accuracy = data.size == 0 ? null : (double) correct / data.size;
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("examples", predicted.length);
            result.put("submission", submission == null ? null : submission.toString());
            result.put("output", output == null ? null : output.toString());
            result.put("predicted_counts", counts);
            result.put("accuracy", accuracy);
            result.put("seconds", seconds);
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Predicted %s from %s%n", Count.of(predicted.length, "image"), csv);
            System.out.println("Predicted class counts: " + java.util.Arrays.toString(counts));
            if (accuracy != null) {
                System.out.printf(Locale.ROOT, "Accuracy %.2f%% on the %s of the file%n", 100 * accuracy,
                        Count.of(data.size, "labelled row"));
            }
            if (output != null) System.out.println("Wrote each row's probabilities to " + output);
            if (submission != null) System.out.println("Wrote the Kaggle submission to " + submission);
            else if (output == null) System.out.println("(add --submission FILE for Kaggle's ImageId,Label file, --output FILE.csv for each row's probabilities)");
        }
        return 0;
    }
}
