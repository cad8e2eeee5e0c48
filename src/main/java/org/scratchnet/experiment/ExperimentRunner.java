package org.scratchnet.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.nn.Dense;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;
import org.scratchnet.train.History;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;
import org.scratchnet.train.TrainingDivergedException;
import org.scratchnet.train.TrainingListener;

/**
 * Runs experiments: every recipe of an experiment once per seed, on one fixed split of the data
 * (the seed changes the weights, the dropout masks and the batch order, never the data), then
 * measures each trained network on train, validation and test.
 */
public final class ExperimentRunner {

    /** Hears about runs as they go (for progress); each run's training events come through {@link #training}. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void runStarted(Experiment e, Experiment.Variant v, long seed, RunSpec spec, int trainSize) {}

        default TrainingListener training() {
            return TrainingListener.NONE;
        }

        default void runFinished(RunResult result) {}

        /** A run with the same recipe and seed was made earlier, and its result stands for this one. */
        default void runReused(RunResult result) {}
    }

    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private Listener listener = Listener.NONE;
    /** Runs already made, by recipe and seed: two experiments may share a recipe (a baseline's corrected run, say). */
    private final Map<String, RunResult> done = new HashMap<>();

    public ExperimentRunner(Dataset train, Dataset validation, Dataset test) {
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    public ExperimentRunner listener(Listener listener) {
        this.listener = listener;
        return this;
    }

    public ExperimentResult run(Experiment e) {
        Map<Experiment.Variant, List<RunResult>> runs = new EnumMap<>(Experiment.Variant.class);
        for (Experiment.Variant v : Experiment.Variant.values()) {
            List<RunResult> results = new ArrayList<>();
            for (long seed : e.seeds()) results.add(run(e, v, seed));
            runs.put(v, results);
        }
        return new ExperimentResult(e, runs);
    }

    private RunResult run(Experiment e, Experiment.Variant v, long seed) {
        RunSpec spec = e.spec(v);
        String key = key(spec, seed);
        RunResult same = done.get(key);
        if (same != null) {
            RunResult again = new RunResult(e.name(), v, seed, same.history(), same.trainAccuracy(), same.validationAccuracy(),
                    same.testAccuracy(), same.testLoss(), same.initialLoss(), same.initialStd(), same.seconds(),
                    same.diverged(), same.network());
            listener.runReused(again);
            return again;
        }
        listener.runStarted(e, v, seed, spec, train.size);
        TrainingConfig config = spec.config(seed, train.size);
        Network net = Network.create(spec.architecture(), spec.init(), seed);
        double initialLoss = Forward.lossAndAccuracy(net, validation)[0];
        double[] initialStd = weightStds(net);

        long start = System.nanoTime();
        History history = null;
        String diverged = null;
        try {
            history = new Trainer(config).listener(listener.training()).fit(net, train, validation);
        } catch (TrainingDivergedException ex) {
            diverged = ex.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        RunResult result;
        if (diverged != null) {
            result = new RunResult(e.name(), v, seed, new History(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    initialLoss, initialStd, seconds, diverged, null);
        } else {
            Evaluation onTest = Evaluation.of(net, test);
            double trainAccuracy = Forward.lossAndAccuracy(net, train)[1];
            double validationAccuracy = Forward.lossAndAccuracy(net, validation)[1];
            result = new RunResult(e.name(), v, seed, history, trainAccuracy, validationAccuracy, onTest.accuracy(),
                    onTest.loss(), initialLoss, initialStd, seconds, null, net);
        }
        listener.runFinished(result);
        done.put(key, result);
        return result;
    }

    /** Names a run: two runs with the same key give the same numbers. */
    public static String key(RunSpec spec, long seed) {
        return spec.describe() + " / record every " + spec.recordEvery() + " / seed " + seed;
    }

    /** The standard deviation of each dense layer's weights. */
    static double[] weightStds(Network net) {
        List<Dense> dense = net.denseLayers();
        double[] std = new double[dense.size()];
        for (int l = 0; l < std.length; l++) {
            float[] W = dense.get(l).W.value;
            double mean = 0;
            for (float w : W) mean += w;
            mean /= W.length;
            double ss = 0;
            for (float w : W) ss += (w - mean) * (w - mean);
            std[l] = Math.sqrt(ss / W.length);
        }
        return std;
    }
}
