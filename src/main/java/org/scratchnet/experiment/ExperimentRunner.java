package org.scratchnet.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.scratchnet.UserException;
import org.scratchnet.config.Recipe;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;
import org.scratchnet.train.History;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingDivergedException;
import org.scratchnet.train.TrainingListener;

/**
 * Runs experiments: every recipe of an experiment once per seed, on one fixed split of the data
 * (the seed changes the weights, the dropout masks and the batch order, never the data), then
 * measures each trained network on train, validation and test.
 *
 * <p>Runs are independent, so they go side by side, {@code parallel} at a time, each on
 * single-threaded kernels of its own: the small products of these networks keep one core busy
 * far better than they split across two. The kernels give the same bits on any number of
 * threads, so a run's numbers do not depend on how many ran beside it. A recipe that two
 * experiments share (with the same seed) runs once.
 */
public final class ExperimentRunner {

    /**
     * Hears about runs as they go, for progress. Calls may come from several threads at once:
     * implementations must be thread-safe.
     */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** A run starts; the returned listener hears about its training. */
        default TrainingListener runStarted(Experiment e, Experiment.NamedRecipe r, long seed, int trainSize) {
            return TrainingListener.NONE;
        }

        default void runFinished(RunResult result) {}
    }

    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final int parallel;
    private Listener listener = Listener.NONE;

    /** @param parallel how many runs go side by side (each on one thread) */
    public ExperimentRunner(Dataset train, Dataset validation, Dataset test, int parallel) {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.parallel = parallel;
    }

    public ExperimentRunner listener(Listener listener) {
        this.listener = listener;
        return this;
    }

    /** Names a run: two runs with the same key give the same numbers. */
    public static Recipe key(Recipe recipe, long seed) {
        return recipe.withSeed(seed);
    }

    /** Runs every experiment and returns their results in the same order. */
    public List<ExperimentResult> run(List<Experiment> experiments) {
        // One task per distinct run, in report order.
        Map<Recipe, Consumer<Engine>> tasks = new LinkedHashMap<>();
        Map<Recipe, RunResult[]> slots = new LinkedHashMap<>();
        for (Experiment e : experiments) {
            for (Experiment.NamedRecipe r : e.recipes()) {
                for (long seed : e.seeds()) {
                    Recipe key = key(r.recipe(), seed);
                    if (tasks.containsKey(key)) continue;
                    RunResult[] slot = new RunResult[1];
                    slots.put(key, slot);
                    tasks.put(key, engine -> slot[0] = run(e, r, seed, engine));
                }
            }
        }
        execute(new ArrayList<>(tasks.values()));

        List<ExperimentResult> results = new ArrayList<>();
        for (Experiment e : experiments) {
            Map<String, List<RunResult>> runs = new LinkedHashMap<>();
            for (Experiment.NamedRecipe r : e.recipes()) {
                List<RunResult> rs = new ArrayList<>();
                for (long seed : e.seeds()) rs.add(slots.get(key(r.recipe(), seed))[0].as(e.name(), r.key()));
                runs.put(r.key(), rs);
            }
            results.add(new ExperimentResult(e, runs));
        }
        return results;
    }

    /**
     * Runs each task on an engine: one at a time on the shared engine (all cores), or
     * {@code parallel} at a time, each task borrowing one of {@code parallel} single-threaded
     * engines for its whole run.
     */
    private void execute(List<Consumer<Engine>> tasks) {
        if (parallel == 1) {
            tasks.forEach(task -> task.accept(FastEngine.shared()));
            return;
        }
        BlockingQueue<Engine> engines = new ArrayBlockingQueue<>(parallel);
        for (int i = 0; i < parallel; i++) engines.add(FastEngine.withThreads(1));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "experiment-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Consumer<Engine> task : tasks) {
                futures.add(pool.submit(() -> {
                    Engine engine = engines.remove();  // as many engines as threads: one is always free
                    try {
                        task.accept(engine);
                    } finally {
                        engines.add(engine);
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running experiments", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A recipe whose layers do not match the data is the file's mistake: one line naming it, before any run. */
    private void requireFitsTheData(Experiment e, Recipe recipe) {
        Architecture a = recipe.architecture();
        if (a.inputSize() != train.features) {
            throw new UserException(e.source() + ": layers start with " + a.inputSize() + " inputs but the data has "
                    + train.features + " pixels per image; make the first size " + train.features);
        }
        if (a.classes() != train.classes) {
            throw new UserException(e.source() + ": layers end with " + a.classes() + " classes but the data has "
                    + train.classes + " (labels 0.." + (train.classes - 1) + "); make the last size " + train.classes);
        }
    }

    private RunResult run(Experiment e, Experiment.NamedRecipe r, long seed, Engine engine) {
        Recipe recipe = key(r.recipe(), seed);
        requireFitsTheData(e, recipe);
        TrainingListener training = listener.runStarted(e, r, seed, train.size);
        Network net = recipe.network(engine);
        double[] initialValidation = Forward.lossAndAccuracy(net, validation);
        double initialLoss = initialValidation[0];
        // A full-batch run records every few updates from a start the curves must show (the text
        // discusses it): iteration 0, train measured as one pass with dropout off. A mini-batch run's
        // first point comes after a tenth of an epoch; a start point there would only stretch the
        // accuracy axis down to chance level.
        History.Row startRow = null;
        if (recipe.training().fullBatch()) {
            double[] initialTrain = Forward.lossAndAccuracy(net, train);
            startRow = new History.Row(0, 0, 0, initialTrain[0], initialTrain[1], initialValidation[0], initialValidation[1], 0);
        }
        double[] initialStd = weightStds(net);

        long start = System.nanoTime();
        History history = null;
        String diverged = null;
        try {
            history = new Trainer(recipe.training()).listener(training).fit(net, train, validation);
        } catch (TrainingDivergedException ex) {
            diverged = ex.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        RunResult result;
        if (diverged != null) {
            result = new RunResult(e.name(), r.key(), seed, startRow == null ? new History() : History.of(List.of(startRow)), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    initialLoss, initialStd, seconds, diverged, null);
        } else {
            Evaluation onTest = Evaluation.of(net, test);
            double trainAccuracy = Forward.lossAndAccuracy(net, train)[1];
            double validationAccuracy = Forward.lossAndAccuracy(net, validation)[1];
            result = new RunResult(e.name(), r.key(), seed, startRow == null ? history : history.startingWith(startRow), trainAccuracy, validationAccuracy, onTest.accuracy(),
                    onTest.loss(), initialLoss, initialStd, seconds, null, weightsOnly(net));
        }
        listener.runFinished(result);
        return result;
    }

    /**
     * A copy of the trained network with its weights alone: the original holds workspaces sized
     * for a full batch (tens of megabytes), and a reproduction keeps every run's network.
     */
    private static Network weightsOnly(Network net) {
        return net.copyOn(net.engine());
    }

    /** The standard deviation of each dense layer's weights. */
    static double[] weightStds(Network net) {
        double[] std = new double[net.depth()];
        for (int l = 0; l < std.length; l++) {
            float[] W = net.weights(l);
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
