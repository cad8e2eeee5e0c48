package org.scratchnet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.config.Recipe;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.History;
import org.scratchnet.train.Recording;

/**
 * Results made by hand, no training: two experiments of one's own (no paper block), whose every
 * number is chosen so the report's cells can be worked out on paper. The tests that use them say
 * what each cell must be and why.
 *
 * <pre>
 *   toy, recipe plain (full batch), seeds 1, 2, 3:
 *     test 84.64, 85.39, 82.17   train 80, 82, 84   validation 81, 83, 85
 *     initial loss 2.6, 3.6, 3.2   weight std at start [0.3, 0.6], [0.2, 0.3], [0.1, 0.3]   seconds 20, 25, 30
 *   toy, recipe tuned (mini-batch), seeds 1, 2, 3 (seed 2 diverged):
 *     test 95, -, 97   train 99, -, 98   validation 95.5, -, 96.5   seconds 4, 5, 6
 *   toy2 (compare_with: toy), recipe plain, seeds 1, 2, 3: test 86, 87, 85
 * </pre>
 */
final class HandMadeResults {
    static final Architecture SMALL = Architecture.parse("4-3-2", "relu,softmax", "0");
    static final Recipe PLAIN = Recipe.builder().architecture(SMALL).init(Initializer.KAIMING)
            .optimizer(OptimizerSpec.gd(0.1f)).schedule(ScheduleSpec.constant()).fullBatch().iterations(20).recording(Recording.every(10)).build();
    static final Recipe TUNED = Recipe.builder().architecture(SMALL).init(Initializer.KAIMING)
            .optimizer(OptimizerSpec.adam(0.001f)).schedule(ScheduleSpec.constant()).batchSize(8).epochs(2).recording(Recording.aboutPoints(50)).build();
    static final Recipe PLAIN_2 = PLAIN.toBuilder().init(Initializer.XAVIER).build();

    static final Experiment TOY = new Experiment("toy", "A toy experiment", "What a toy shows.", null, List.of(1L, 2L, 3L),
            List.of(new Experiment.NamedRecipe("plain", PLAIN), new Experiment.NamedRecipe("tuned", TUNED)), "We chose small.",
            "It is a toy.", "", "toy.yaml");
    static final Experiment TOY_2 = new Experiment("toy2", "Another toy", "", null, List.of(1L, 2L, 3L),
            List.of(new Experiment.NamedRecipe("plain", PLAIN_2)), "", "", "toy", "toy2.yaml");

    private HandMadeResults() {}

    static List<ExperimentResult> all() {
        return List.of(toy(), toy2());
    }

    static ExperimentResult toy() {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        runs.put("plain", List.of(
                ok("toy", "plain", 1, 0.80, 0.81, 0.8464, 2.6, new double[] {0.3, 0.6}, 20, history(0.5, 0.81)),
                ok("toy", "plain", 2, 0.82, 0.83, 0.8539, 3.6, new double[] {0.2, 0.3}, 25, history(0.6, 0.83)),
                ok("toy", "plain", 3, 0.84, 0.85, 0.8217, 3.2, new double[] {0.1, 0.3}, 30, history(0.7, 0.85))));
        runs.put("tuned", List.of(
                ok("toy", "tuned", 1, 0.99, 0.955, 0.95, 2.4, new double[] {0.5, 0.5}, 4, history(0.9, 0.955)),
                new RunResult("toy", "tuned", 2, new History(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 2.5,
                        new double[] {0.5, 0.5}, 5, "the loss became NaN at iteration 3", null),
                ok("toy", "tuned", 3, 0.98, 0.965, 0.97, 2.3, new double[] {0.5, 0.5}, 6, history(0.9, 0.965))));
        return new ExperimentResult(TOY, runs);
    }

    static ExperimentResult toy2() {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        List<RunResult> plain = new ArrayList<>();
        double[] test = {0.86, 0.87, 0.85};
        for (int s = 1; s <= 3; s++) {
            plain.add(ok("toy2", "plain", s, 0.9, 0.9, test[s - 1], 2.3, new double[] {0.1, 0.1}, 10, history(0.5, 0.9)));
        }
        runs.put("plain", plain);
        return new ExperimentResult(TOY_2, runs);
    }

    /** A history of three rows, at iterations 0, 10 and 20: chance at the start, then mid, then end. */
    static History history(double mid, double end) {
        return History.of(List.of(
                new History.Row(0, 0, 0, 2.5, 0.1, 2.5, 0.1, 0),
                new History.Row(10, 10, 100, 1.0, mid, 1.1, mid, 1),
                new History.Row(20, 20, 200, 0.5, end, 0.6, end, 2)));
    }

    private static RunResult ok(String experiment, String recipe, long seed, double train, double validation, double test,
                                double initialLoss, double[] initialStd, double seconds, History history) {
        return new RunResult(experiment, recipe, seed, history, train, validation, test, 0.5, initialLoss, initialStd, seconds,
                null, Network.create(SMALL, Initializer.KAIMING, seed));
    }

    static ReportContext context(boolean quick) {
        return new ReportContext(ReportIntro.of(List.of(TOY, TOY_2)), "scratchnet experiment toy.yaml toy2.yaml --out r",
                "2026-12-02", quick, "hand-made", "none", 75.5);
    }
}
