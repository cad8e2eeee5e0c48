package org.scratchnet.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.config.Recipe;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;
import org.scratchnet.train.History;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingDivergedException;

/**
 * Runs one trial in this process: its recipe at the sweep's seed, trained on the training part
 * and judged on the validation part, as an experiment runs a recipe ({@code ExperimentRunner}):
 * the same network, trainer and measurements, so that {@code scratchnet experiment} on the best
 * recipe (on the same data) finds the same validation accuracy. The test set is not touched.
 */
public final class TrialRun {
    private TrialRun() {}

    /**
     * @param data where the data came from, for the result file and its plan ("MNIST in /data/mnist,
     *             3,000 training images")
     */
    public static TrialResult run(Sweep sweep, Trial trial, Dataset train, Dataset validation, String data, Engine engine) {
        Recipe recipe = trial.recipe().withSeed(sweep.seed());
        Network net = recipe.network(engine);
        long start = System.nanoTime();
        History history;
        try {
            history = new Trainer(recipe.training()).fit(net, train, validation);
        } catch (TrainingDivergedException e) {
            return result(sweep, trial, data, train, validation, TrialResult.DIVERGED, null, null, null, null, null,
                    (System.nanoTime() - start) / 1e9, e.getMessage(), List.of());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] onValidation = Forward.lossAndAccuracy(net, validation);
        double trainAccuracy = Forward.lossAndAccuracy(net, train)[1];
        Integer best = history.best().map(b -> b.epoch()).orElse(null);
        Integer stopped = history.stoppedEpoch().isPresent() ? history.stoppedEpoch().getAsInt() : null;
        return result(sweep, trial, data, train, validation, TrialResult.FINISHED, onValidation[1], onValidation[0], trainAccuracy, best, stopped,
                seconds, null, rows(history));
    }

    private static TrialResult result(Sweep sweep, Trial trial, String data, Dataset train, Dataset validation, String status, Double validationAccuracy,
                                      Double validationLoss, Double trainAccuracy, Integer best, Integer stopped,
                                      double seconds, String diverged, List<Map<String, Object>> history) {
        return new TrialResult(sweep.name(), sweep.title(), trial.index(), sweep.trials().size(), sweep.search().id, sweep.varied(),
                trial.values(), trial.fields(), sweep.seed(), data, train.size, validation.size, TrialResult.plan(sweep, trial, data), status,
                validationAccuracy, validationLoss, trainAccuracy, best, stopped, seconds, diverged, history);
    }

    private static List<Map<String, Object>> rows(History history) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (History.Row r : history.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("iteration", r.iteration());
            row.put("epoch", r.epoch());
            row.put("train_loss", r.trainLoss());
            row.put("train_accuracy", r.trainAccuracy());
            row.put("validation_loss", r.validationLoss());
            row.put("validation_accuracy", r.validationAccuracy());
            row.put("learning_rate", r.learningRate());
            rows.add(row);
        }
        return rows;
    }
}
