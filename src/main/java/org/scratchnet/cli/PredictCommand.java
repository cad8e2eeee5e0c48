package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.image.MnistImage;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet predict}: the top classes of images (converted the way MNIST was made), or a
 * Kaggle submission for a label-less test.csv.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify digit images (PNG/JPEG, any size, dark-on-light or light-on-dark),",
                "or write a Kaggle submission (ImageId,Label) for Kaggle's test.csv."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'scratchnet train'.")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Images to classify.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Kaggle test.csv (pixel0..pixel783, labels optional) to predict.")
    Path csv;

    @Option(names = "--submission", paramLabel = "FILE", description = "With --csv: write Kaggle's ImageId,Label file here.")
    Path submission;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Classes to show per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (images.isEmpty() && csv == null) throw new UserException("give images to classify, or --csv FILE --submission OUT");
        if (csv == null && submission != null) throw new UserException("--submission goes with --csv");
        OutputFiles.check().input("--model", model).input("--csv", csv).inputs("an image", images)
                .file("--submission", submission).verify();
        Network net = ModelFile.load(model).network();
        if (csv != null) return predictCsv(net);
        if (net.inputSize() != MnistImage.PIXELS) {
            throw new UserException("the model takes " + net.inputSize() + " inputs; images are converted to 28x28 = 784");
        }
        float[] X = new float[images.size() * MnistImage.PIXELS];  // read all first: a bad file fails before any output
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(MnistImage.load(images.get(i)), 0, X, i * MnistImage.PIXELS, MnistImage.PIXELS);
        }
        float[] probabilities = net.predictProbabilities(X, images.size());
        int C = net.classes();
        int k = Math.max(1, Math.min(top, C));
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Integer[] order = new Integer[C];
            for (int c = 0; c < C; c++) order[c] = c;
            final int row = i * C;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(probabilities[row + b], probabilities[row + a]));
            List<Map<String, Object>> best = new ArrayList<>();
            StringBuilder line = new StringBuilder(images.get(i).toString()).append(':');
            for (int r = 0; r < k; r++) {
                int c = order[r];
                float p = probabilities[row + c];
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("class", c);
                entry.put("probability", p);
                best.add(entry);
                line.append(String.format(Locale.ROOT, "  %d (%.1f%%)", c, 100 * p));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image", images.get(i).toString());
            result.put("prediction", order[0]);
            result.put("top", best);
            results.add(result);
            if (!json) System.out.println(line);
        }
        if (json) Json.print(Map.of("predictions", results));
        return 0;
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
            System.out.printf(Locale.ROOT, "Predicted %,d images from %s%n", predicted.length, csv);
            System.out.println("Predicted class counts: " + java.util.Arrays.toString(counts));
            if (submission != null) System.out.println("Wrote the Kaggle submission to " + submission);
            else System.out.println("(add --submission FILE to write Kaggle's ImageId,Label file)");
        }
        return 0;
    }
}
