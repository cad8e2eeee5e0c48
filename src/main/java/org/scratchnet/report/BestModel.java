package org.scratchnet.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.ConfidentMistakes;
import org.scratchnet.eval.ConfusionMatrix;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;
import org.scratchnet.nn.Linear;
import org.scratchnet.plot.ConfusionHeatmap;
import org.scratchnet.plot.DigitGallery;
import org.scratchnet.plot.WeightImages;

/**
 * The best network of a reproduction, chosen by validation accuracy (never by test accuracy, so
 * the test figures stay an honest estimate), with the paper's evaluation metrics on the test set
 * and three figures: the confusion matrix, the most confidently misclassified test digits, and
 * the first layer's weights as images.
 */
record BestModel(RunResult run, Evaluation evaluation, List<Path> figures) {
    static final String CONFUSION = "best-confusion";
    static final String MISCLASSIFIED = "best-misclassified";
    static final String WEIGHTS = "best-weights";
    private static final int GALLERY = 24;
    private static final int WEIGHT_UNITS = 64;

    static final String SMALL_WEIGHTS = "small-net-weights";
    /** A first layer this narrow must learn whole-digit templates, which make a readable picture. */
    private static final int SMALL = 16;

    static BestModel of(List<ExperimentResult> results) {
        return best(results, Integer.MAX_VALUE).map(run -> new BestModel(run, null, List.of())).orElse(null);
    }

    /** The run with the best validation accuracy whose first layer has at most {@code maxUnits} units. */
    private static java.util.Optional<RunResult> best(List<ExperimentResult> results, int maxUnits) {
        return results.stream().flatMap(r -> r.runs().values().stream()).flatMap(List::stream)
                .filter(RunResult::ok)
                .filter(r -> r.network().architecture().sizes()[1] <= maxUnits)
                .max(Comparator.comparingDouble(RunResult::validationAccuracy));
    }

    /**
     * For contrast with a wide network's noisy-looking first layer: the weights of the best small
     * network (first layer of at most 16 units), if there is one; null otherwise.
     */
    static RunResult drawSmallNetwork(List<ExperimentResult> results, Path dir, List<Path> files, String mark) {
        RunResult run = best(results, SMALL).orElse(null);
        if (run == null) return null;
        Linear first = run.network().linearLayers().get(0);
        files.addAll(WeightImages.write(dir, SMALL_WEIGHTS, "First-layer weights of a small network (" + run.experiment() + ", "
                + run.recipeLabel() + ", seed " + run.seed() + ")" + mark, first.weights(), first.outputSize(), first.inputSize(), SMALL));
        return run;
    }

    /**
     * Evaluates the chosen network on the test set and draws its figures into {@code dir};
     * {@code mark} ends each figure's title (" (quick run)", or "").
     */
    BestModel evaluate(Dataset test, Path dir, String mark) {
        Evaluation evaluation = Evaluation.of(run.network(), test);
        List<Path> files = new ArrayList<>();
        String who = run.experiment() + ", " + run.recipeLabel() + ", seed " + run.seed();
        ConfusionMatrix cm = ConfusionMatrix.of(test.labels, evaluation.predicted(), run.network().classes());
        files.addAll(ConfusionHeatmap.write(dir, CONFUSION, "Confusion matrix on the test set (" + who + ")" + mark, cm));
        List<DigitGallery.Tile> wrong = misclassified(test, evaluation.predicted());
        if (!wrong.isEmpty()) {
            files.addAll(DigitGallery.write(dir, MISCLASSIFIED, "Most confidently misclassified test digits (" + who + ")" + mark,
                    wrong, 8));
        }
        Linear first = run.network().linearLayers().get(0);
        files.addAll(WeightImages.write(dir, WEIGHTS, "First-layer weights, one 28x28 image per hidden unit (" + who + ")" + mark,
                first.weights(), first.outputSize(), first.inputSize(), WEIGHT_UNITS));
        return new BestModel(run, evaluation, files);
    }

    /** The wrongly classified test digits the network was surest about, surest first. */
    private List<DigitGallery.Tile> misclassified(Dataset test, int[] predicted) {
        List<DigitGallery.Tile> tiles = new ArrayList<>();
        for (ConfidentMistakes.Mistake m : ConfidentMistakes.of(run.network(), test, predicted, GALLERY)) {
            tiles.add(new DigitGallery.Tile(ConfidentMistakes.pixels(test, m.index()), m.caption()));
        }
        return tiles;
    }
}
