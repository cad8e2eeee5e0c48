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
import org.scratchnet.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet predict}: the top classes of images (converted the way MNIST was made), or a
 * Kaggle submission for a label-less test.csv.
 *
 * <p>Images are read one by one: one that cannot be read (missing, corrupt, blank) is reported on
 * its own line on stderr, {@code scratchnet: PATH: WHY}, the others are still classified, and the
 * exit code is 2 at the end if any failed.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify digit images (PNG/JPEG, any size, dark-on-light or light-on-dark; folders of them), "
                + "or write a Kaggle submission (ImageId,Label) for Kaggle's test.csv.")
final class PredictCommand implements Callable<Integer> {

    static final int DEFAULT_TOP = 3;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'scratchnet train' (or a PyTorch state dict with --layers/--activation).")
    Path model;

    @Mixin
    StateDictOptions stateDict;

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "Images to classify, or folders: every image in a folder, in name order.")
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

    @Option(names = "--json", description = "Print one JSON object on stdout, with each image's full probability vector.")
    boolean json;

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
        ImageArguments arguments = ImageArguments.expand(images);
        ShowInput pictures = showInput == null || arguments.images.isEmpty() ? null : ShowInput.plan(showInput, arguments.images);
        OutputFiles outputs = OutputFiles.check().input("--model", model).input("--csv", csv)
                .inputs("an image", arguments.images).file("--submission", submission);
        if (pictures != null) pictures.addTo(outputs);
        outputs.verify();
        Network net = stateDict.load(model).network();
        int k = top == null ? Math.min(DEFAULT_TOP, net.classes()) : top;
        if (k < 1 || k > net.classes()) {
            throw new UserException("--top must be between 1 and " + net.classes() + " (the model's classes), got " + k);
        }
        if (csv != null) return predictCsv(net);
        if (net.inputSize() != MnistImage.PIXELS) {
            throw new UserException("the model takes " + net.inputSize() + " inputs; images are converted to 28x28 = 784");
        }

        List<ImageArguments.Failure> failures = new ArrayList<>(arguments.failures);
        failures.forEach(PredictCommand::report);
        List<Path> read = new ArrayList<>();
        float[] X = new float[arguments.images.size() * MnistImage.PIXELS];
        for (Path image : arguments.images) {
            try {
                float[] x = MnistImage.load(image, polarity);
                System.arraycopy(x, 0, X, read.size() * MnistImage.PIXELS, MnistImage.PIXELS);
                read.add(image);
            } catch (UserException e) {
                ImageArguments.Failure failure = new ImageArguments.Failure(image, ImageArguments.reason(image, e.getMessage()));
                failures.add(failure);
                report(failure);
            }
        }

        float[] probabilities = read.isEmpty() ? new float[0] : net.predictProbabilities(X, read.size());
        int C = net.classes();
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            float[] p = java.util.Arrays.copyOfRange(probabilities, i * C, (i + 1) * C);
            Integer[] order = new Integer[C];
            for (int c = 0; c < C; c++) order[c] = c;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
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
            if (pictures != null) {
                float[] input = java.util.Arrays.copyOfRange(X, i * MnistImage.PIXELS, (i + 1) * MnistImage.PIXELS);
                Path written = pictures.write(read.get(i), input);
                result.put("input_picture", written.toString());
                line.append("   (input as the network sees it, ").append(ShowInput.SIDE).append('x').append(ShowInput.SIDE)
                        .append(": ").append(written).append(')');
            }
            results.add(result);
            if (!json) System.out.println(line);
        }
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

    private int predictCsv(Network net) {
        Dataset data = KaggleCsvReader.read(csv);
        if (data.features != net.inputSize()) {
            throw new UserException(csv + " has " + data.features + " pixels per row but the model takes " + net.inputSize());
        }
        int[] predicted = net.predict(data);
        if (submission != null) {
            StringBuilder s = new StringBuilder("ImageId,Label\n");
            for (int i = 0; i < predicted.length; i++) s.append(i + 1).append(',').append(predicted[i]).append('\n');
            AtomicFiles.writeString(submission, s.toString());
        }
        int[] counts = new int[net.classes()];
        for (int p : predicted) counts[p]++;
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("examples", predicted.length);
            result.put("submission", submission == null ? null : submission.toString());
            result.put("predicted_counts", counts);
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Predicted %s from %s%n", Count.of(predicted.length, "image"), csv);
            System.out.println("Predicted class counts: " + java.util.Arrays.toString(counts));
            if (submission != null) System.out.println("Wrote the Kaggle submission to " + submission);
            else System.out.println("(add --submission FILE to write Kaggle's ImageId,Label file)");
        }
        return 0;
    }
}
