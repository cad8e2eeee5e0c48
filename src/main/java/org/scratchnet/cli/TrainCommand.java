package org.scratchnet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.scratchnet.Count;
import org.scratchnet.Seeds;
import org.scratchnet.UserException;
import org.scratchnet.bench.Memory;
import org.scratchnet.config.Recipe;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.Splits;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.Checkpoint;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.EarlyStopping;
import org.scratchnet.train.History;
import org.scratchnet.train.Keep;
import org.scratchnet.train.Monitor;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.Recording;
import org.scratchnet.train.TrainingConfig;
import org.scratchnet.train.TrainingListener;
import org.scratchnet.train.RateChange;
import org.scratchnet.dashboard.DashboardListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scratchnet train}: load, split, build, train with progress, evaluate, save, summarise. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network, evaluate it on the test set and save it.",
                "With no model options it uses a strong default recipe; --preset paper reproduces the paper's baseline, and"
                        + " the presets below the options hold the records' recipes (docs/results.md)."})
final class TrainCommand implements Callable<Integer> {
    /** Full-batch updates between two history rows when --record-every is not given (an epoch is one update). */
    static final int FULL_BATCH_RECORD_EVERY = 10;
    /** How long Ctrl-C waits for the update in progress to end and its checkpoint to be written. */
    static final long STOP_WAIT_MILLIS = 60_000;
    /** The exit code of a run stopped by Ctrl-C after saving its checkpoint (128 + SIGINT, as the shell reports it). */
    static final int INTERRUPTED = 130;

    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "default (strong recipe), paper (the paper's baseline), simard2003, srivastava2014, best or"
                    + " best-augmented (see Presets below). Options below override it.")
    String preset;

    @Option(names = "--layers", paramLabel = "SIZES", description = "Layer sizes, input to output, e.g. 784,256,128,10.")
    String layers;

    @Option(names = "--activation", paramLabel = "NAMES",
            description = "Hidden activation: relu, sigmoid or tanh; one for all hidden layers or one per layer (relu,tanh).")
    String activation;

    @Option(names = "--from", paramLabel = "MODEL",
            description = "Start from this model's weights: a ScratchNet model (its layers and activations), or the"
                    + " safetensors state dict of a PyTorch nn.Sequential that --layers and --activation describe.")
    Path from;

    @Option(names = "--init", paramLabel = "NAME",
            description = "Weight initialiser: random, random-normal, xavier, xavier-normal, kaiming, kaiming-uniform, paper-xavier, paper-kaiming.")
    String init;

    @Option(names = "--dropout", paramLabel = "RATES", description = "Dropout rate after each hidden layer, one for all or one per layer.")
    String dropout;

    @Option(names = "--input-dropout", paramLabel = "RATE", converter = OptionTypes.DropoutRate.class,
            description = "Dropout rate on the input pixels, before the first layer, in training only (Srivastava et al. 2014"
                    + " drop 0.2 of them; a --from model keeps its own unless this is given).")
    Double inputDropout;

    @Option(names = "--noise", paramLabel = "SIGMA", converter = OptionTypes.Noise.class,
            description = "Gaussian noise of this standard deviation added in training only to the input pixels and to every"
                    + " layer's pre-activation (with --batch-norm, to its normalised values), as Rasmus et al. 2015 (0.3).")
    Float noise;

    @Option(names = "--batch-norm", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Batch normalisation after every dense layer in training (Ioffe & Szegedy 2015); the saved model"
                    + " has it folded into the dense layers. --batch-norm=false turns a preset's off.")
    Boolean batchNorm;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "gd, sgd, momentum, nesterov, rmsprop, adam or adamw.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "ALPHA", converter = OptionTypes.PositiveFloat.class,
            description = "Learning rate (with a schedule: where it starts, or its peak for onecycle).")
    Float learningRate;

    @Mixin
    OptimizerOptions optimizerOptions;

    @Mixin
    ScheduleOptions scheduleOptions;

    @Mixin
    AugmentOptions augmentOptions;

    @Option(names = "--batch", paramLabel = "N", converter = OptionTypes.Batch.class,
            description = "Examples per update; full (or 0) = the whole training set (full-batch gradient descent).")
    Integer batch;

    @Option(names = "--epochs", paramLabel = "N", converter = OptionTypes.Count.class, description = "Passes over the training set.")
    Integer epochs;

    @Option(names = "--iterations", paramLabel = "N", converter = OptionTypes.Count.class,
            description = "Number of updates (overrides --epochs).")
    Integer iterations;

    @Option(names = "--record-every", paramLabel = "N", converter = OptionTypes.Count.class,
            description = "Record a history row every N updates (default: every epoch, or every "
                    + FULL_BATCH_RECORD_EVERY + " iterations with full batches).")
    Integer recordEvery;

    @Option(names = "--validation", paramLabel = "F", converter = OptionTypes.Fraction.class,
            description = "Stratified part of the training set held out for validation curves (0 = none).")
    Double validation;

    @Option(names = "--keep", paramLabel = "WHICH",
            description = "Which weights to save when there is a validation set: best (the epoch with the best --monitor"
                    + " value: restore-best) or last (the last update's).")
    String keep;

    @Option(names = "--monitor", paramLabel = "NAME",
            description = "What judges each epoch on the validation set: val_loss (lower is better) or"
                    + " val_accuracy (higher is better).")
    String monitor;

    @Option(names = "--patience", paramLabel = "N", converter = OptionTypes.Count.class,
            description = "Stop early after N epochs in a row without --monitor improving (default: run to the end).")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "D", converter = OptionTypes.NonNegative.class,
            description = "How much --monitor must improve on its best to count as better (default: 0).")
    Double minDelta;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Seeds.DEFAULT, converter = OptionTypes.Seed.class,
            description = "Seed for weights, dropout, shuffling and splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.safetensors",
            description = "Where to save the model (default: ${DEFAULT-VALUE}); the history goes beside it as .history.csv.")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where the run's checkpoint goes, written after every epoch and on Ctrl-C or SIGTERM (default: beside"
                    + " --out, NAME.checkpoint for NAME.safetensors); removed once the model is saved.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run of this checkpoint exactly where it stopped; its options come with it (only "
                    + TrainResume.WHERE + " may be given beside it).")
    Path resume;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the human summary.")
    boolean json;

    @Mixin
    DashboardOptions dashboard;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** How picocli parsed this command's options (for a command made by {@link TrainResume}, set there). */
    CommandLine.ParseResult parsed;
    /** The options saved with the run's checkpoints, so that --resume needs nothing else. */
    List<String> runOptions;

    @Override
    public Integer call() {
        parsed = spec.commandLine().getParseResult();
        if (resume != null) {
            Checkpoint saved = Checkpoint.read(resume);
            return TrainResume.command(saved, parsed).train(saved);
        }
        runOptions = TrainResume.runOptions(parsed);
        return train(null);
    }

    /** Trains (continuing the run of {@code resumed} if given), with its live page if asked; the page's server stops at the end. */
    private int train(Checkpoint resumed) {
        try (DashboardOptions.Session page = dashboard.open()) {  // a port in use is reported before any work
            return train(resumed, page);
        }
    }

    /** Trains (continuing the run of {@code resumed} if given), evaluates, saves and summarises. */
    private int train(Checkpoint resumed, DashboardOptions.Session page) {
        Path historyFile = historyPath(out);
        Path checkpointFile = checkpoint != null ? checkpoint : Checkpoint.besideModel(out);
        // The checkpoint resumed from is read whole before the first new one replaces it: not an input that must survive.
        data.addInputsTo(OutputFiles.check()).input("--from", from).file("--out", out).file("the history file beside --out", historyFile)
                .file("--checkpoint", checkpointFile).verify();
        Preset p = Preset.parse(preset);
        augmentOptions.apply(p.recipe.training().augmentation());  // a distortion out of place or range: refused before the data is read
        DataOptions.TrainTest trainTest = data.trainAndTest(testFraction, seed);
        Dataset fullTrain = trainTest.train();
        Dataset test = trainTest.test();

        int inputs = fullTrain.features;
        int classes = fullTrain.classes;
        // --from a ScratchNet model: its own layers and activations; a PyTorch state dict: the ones the options declare.
        ModelFile.Loaded starting = from != null && layers == null && activation == null ? ModelFile.load(from) : null;
        Recipe recipe = recipe(starting == null ? null : startingArchitecture(starting.network().architecture()));
        Architecture architecture = recipe.architecture();
        if (from != null && starting == null) starting = ModelFile.load(from, architecture);
        if (architecture.inputSize() != inputs || architecture.classes() != classes) {
            throw new UserException("--layers " + architecture.sizesText().replace('-', ',') + " does not fit the data: it has "
                    + Count.of(inputs, "input") + " and " + Count.of(classes, "class", "classes") + ", so the first size must be " + inputs
                    + " and the last " + classes);
        }
        TrainingConfig config = recipe.training();
        OptimizerSpec optimizerSpec = config.optimizer();
        int batchSize = config.batchSize();

        double validationFraction = validation != null ? validation : Holdout.VALIDATION;
        Splits.Split split = Holdout.split(fullTrain, validationFraction, seed, "--validation", "the training set",
                "validation", validation == null || validation == 0);  // the preset's 0.1 of a tiny set: no curves
        Dataset train = split.kept();
        Dataset val = split.heldOut().size > 0 ? split.heldOut() : null;
        if (val == null) requireNoJudgingOptions();

        Network net = recipe.network();
        for (int l = 0; starting != null && l < net.depth(); l++) {
            net.setWeights(l, starting.network().weights(l));
            net.setBias(l, starting.network().bias(l));
        }
        int totalSteps = config.totalSteps(train.size);
        Trainer.schedule(config, train.size, val != null);  // a warm-up longer than the run, or plateau without validation: refused now
        if (!json) {
            System.out.printf(Locale.ROOT, "Data: %,d training, %,d validation, %,d test examples (%s)%n", train.size,
                    val == null ? 0 : val.size, test.size, data.csv != null ? data.csv : "MNIST");
            System.out.printf(Locale.ROOT, "Network %s, %s:%n%s", architecture,
                    starting != null ? "weights from " + from : "init " + recipe.init().id(), net.summary());
            String schedule = config.schedule().equals(ScheduleSpec.constant()) ? "" : ", " + config.schedule().describe() + " schedule";
            String augment = config.augmentation().augments() ? ", augment " + config.augmentation().describe() : "";
            System.out.printf(Locale.ROOT, "Training: %s%s, batch %s, %s, seed %d%s%n", optimizerSpec.describe(), schedule,
                    config.fullBatch() || batchSize >= train.size ? "full (" + train.size + ")" : batchSize,
                    config.length().describe(), seed, augment);
        }

        Trainer trainer = new Trainer(config).checkpoints(checkpointFile, runOptions);
        if (resumed != null) {
            trainer.resumeFrom(resumed);
            if (!json) {
                System.out.printf(Locale.ROOT, "Resuming from %s: update %,d of %,d (epoch %d)%n", resumed.file(), resumed.step(),
                        totalSteps, resumed.epoch());
            }
        }
        TrainingListener progress = !Terminal.stderrIsTerminal() ? TrainingListener.NONE
                : new ProgressReporter(config.fullBatch(), totalSteps, config.stepsPerEpoch(train.size),
                        resumed == null ? 0 : resumed.step(), resumed == null ? 0 : resumed.samples());
        page.watch(trainer, progress, net, train, val, new DashboardListener.Run(architecture + ", " + optimizerSpec.describe()
                + (config.schedule().equals(ScheduleSpec.constant()) ? "" : ", " + config.schedule().describe() + " schedule"),
                config.stepsPerEpoch(train.size), train.size, resumed == null ? 0 : resumed.samples()), json);
        long start = System.nanoTime();
        History history;
        // Ctrl-C or SIGTERM: the update in progress ends, its checkpoint is written and reported, then the program stops.
        CountDownLatch reported = new CountDownLatch(1);
        try (AtomicFiles.StopHook stop = AtomicFiles.onStop(() -> {
            trainer.stopAndWait(STOP_WAIT_MILLIS);
            awaitQuietly(reported);
        })) {
            history = trainer.fit(net, train, val);
            if (history.interruptedAfterStep().isPresent()) {
                page.ended("stopped after update " + history.interruptedAfterStep().getAsInt(), Map.of("checkpoint", checkpointFile.toString()));
                System.err.printf(Locale.ROOT, "scratchnet: stopped after update %,d; the run is saved in %s: continue it with"
                        + " 'scratchnet train --resume %s'%n", history.interruptedAfterStep().getAsInt(), checkpointFile, checkpointFile);
                return INTERRUPTED;
            }
        } finally {
            reported.countDown();
        }
        double seconds = (System.nanoTime() - start - page.pausedNanos()) / 1e9;  // paused from the dashboard: not training time
        // The model records the whole run's training time: a resumed run adds what it trained before it stopped.
        double runSeconds = seconds + (resumed == null ? 0 : resumed.seconds());

        // The figures are the saved model's: with batch normalisation folded into its dense layers (the same
        // function within float rounding), as the file holds it and 'evaluate' reads it.
        Network model = net.folded();
        Evaluation evaluation = Evaluation.of(model, test);
        double trainAccuracy = Forward.lossAndAccuracy(model, train)[1];
        double[] validationFigures = val == null ? new double[] {Double.NaN, Double.NaN} : Forward.lossAndAccuracy(model, val);
        // The rate is this process's: a resumed run counts only the examples trained on since it resumed.
        long samples = (history.last() == null ? 0 : history.last().samples()) - (resumed == null ? 0 : resumed.samples());

        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("initializer", recipe.init().id());
        provenance.put("optimizer", optimizerSpec.name());
        provenance.put("learning_rate", Float.toString(optimizerSpec.learningRate()));
        provenance.put("optimizer_settings", optimizerSpec.describe());
        provenance.put("schedule", config.schedule().describe());
        provenance.put("batch_size", config.fullBatch() ? "full" : Integer.toString(batchSize));
        provenance.put(config.length().unit().id(), Integer.toString(config.length().count()));
        provenance.put("seed", Long.toString(seed));
        if (config.augmentation().augments()) provenance.put("augmentation", config.augmentation().describe());
        provenance.put("kept", history.keptBest() ? "best" : "last");
        history.best().ifPresent(b -> provenance.put("best_epoch", Integer.toString(b.epoch())));
        history.stoppedEpoch().ifPresent(e -> provenance.put("stopped_epoch", Integer.toString(e)));
        if (from != null) provenance.put("started_from", from.getFileName().toString());
        if (!history.rateChanges().isEmpty()) {
            provenance.put("learning_rate_changes", String.join("; ", history.rateChanges().stream().map(RateChange::describe).toList()));
        }
        provenance.put("preset", p.id());
        provenance.put("data", data.csv != null ? data.csv.toString() : "MNIST");
        if (trainTest.split() != null) trainTest.split().addTo(provenance);  // so evaluate --csv finds the same test rows
        provenance.put("test_accuracy", String.format(Locale.ROOT, "%.6f", evaluation.accuracy()));
        provenance.put("train_accuracy", String.format(Locale.ROOT, "%.6f", trainAccuracy));
        provenance.put("training_seconds", String.format(Locale.ROOT, "%.2f", runSeconds));
        // The model and its history are replaced together or not at all.
        AtomicFiles.writeAll(List.of(new AtomicFiles.Output(out, ModelFile.writer(model, architecture, provenance)),
                new AtomicFiles.Output(historyFile, AtomicFiles.text(history.toCsv()))));
        removeFinished(checkpointFile);
        page.ended("saved the model", Map.of("model", out.toString(), "history", historyFile.toString(),
                "test_accuracy", evaluation.accuracy()));

        if (json) {
            Map<String, Object> result = EvaluationJson.of(evaluation, trainAccuracy);
            result.put("seconds", seconds);
            result.put("samples_per_second", samples / seconds);
            result.put("training_seconds", runSeconds);
            result.put("peak_heap_mib", Memory.peakHeapMiB());
            result.put("model", out.toString());
            result.put("history", historyFile.toString());
            result.put("layers", architecture.sizesText());
            result.put("activations", architecture.activationsText());
            result.put("input_dropout", architecture.inputDropout());
            result.put("noise", architecture.noise());
            result.put("batch_norm", architecture.batchNorm());
            result.put("initializer", recipe.init().id());
            result.put("optimizer", optimizerSpec.name());
            result.put("learning_rate", optimizerSpec.learningRate());
            result.put("schedule", config.schedule().describe());
            result.put("batch_size", batchSize);
            result.put("seed", seed);
            result.put("augmentation", config.augmentation().describe());
            result.put("images_distorted", history.imagesDistorted());
            result.put("distorted_in_step_waits", history.distortedInWaits());
            result.put("best_epoch", history.best().isPresent() ? history.best().get().epoch() : null);
            result.put("stopped_epoch", history.stoppedEpoch().isPresent() ? history.stoppedEpoch().getAsInt() : null);
            result.put("kept", history.keptBest() ? "best" : "last");
            result.put("validation_accuracy", validationFigures[1]);
            result.put("validation_loss", validationFigures[0]);
            result.put("learning_rate_changes", history.rateChanges().stream().map(c -> Map.of("step", c.step(), "learning_rate", c.rate(),
                    "scheduled", c.scheduled())).toList());
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Trained in %.1f s (%,.0f samples/s)%s%n", seconds, samples / seconds,
                    resumed == null ? "" : String.format(Locale.ROOT, "; %.1f s in all, with the %.1f s before it was resumed",
                            runSeconds, resumed.seconds()));
            history.stoppedEpoch().ifPresent(e -> System.out.printf(Locale.ROOT, "Stopped early after epoch %d: %s did not improve"
                    + " for %s%n", e, config.earlyStopping().monitor().id(), Count.of(config.earlyStopping().patience().getAsInt(), "epoch")));
            history.best().ifPresent(b -> System.out.printf(Locale.ROOT, "Best epoch %d: validation accuracy %.2f%%, loss %.4f; %s%n",
                    b.epoch(), 100 * b.validationAccuracy(), b.validationLoss(), history.keptBest()
                            ? "the saved model is this epoch's (--keep last saves the last update's)" : "the saved model is the last update's"));
            System.out.printf(Locale.ROOT, "Train accuracy %.2f%%   test accuracy %.2f%%   test loss %.4f   macro F1 %.4f%n",
                    100 * trainAccuracy, 100 * evaluation.accuracy(), evaluation.loss(), evaluation.report().macroF1());
            System.out.println("Saved the model to " + out + " and its history to " + historyFile);
            System.out.println("See the full evaluation (confusion matrix, per-class scores) with: scratchnet evaluate --model "
                    + out + (data.csv != null ? " --csv " + data.csv : ""));
        }
        return 0;
    }

    /** --patience, --monitor, --min-delta and --keep best judge epochs on a validation set; without one they would do nothing. */
    private void requireNoJudgingOptions() {
        String given = patience != null ? "--patience" : monitor != null ? "--monitor" : minDelta != null ? "--min-delta"
                : keep != null && Keep.parse(keep) == Keep.BEST ? "--keep best" : null;
        if (given != null) {
            String option = given.split(" ")[0];
            throw new UserException(given + " judges each epoch on the validation set, and this run has none" + (validation != null
                    ? "; drop --validation 0 or " + option : " (the training set is too small to hold any out); drop " + option));
        }
    }

    /** Waits a moment for the message that says where the run is saved, so that the program does not end in the middle of it. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is complete and its model saved: its checkpoint has nothing left to resume. */
    private static void removeFinished(Path checkpointFile) {
        try {
            if (Files.isRegularFile(checkpointFile)) Files.delete(checkpointFile);
        } catch (IOException e) {
            System.err.println("scratchnet: could not remove the finished run's checkpoint " + checkpointFile + ": " + AtomicFiles.describe(e));
        }
    }

    /**
     * What this command trains, on what: the recipe, the data and its splits, the starting model.
     * Two commands with the same key make the same run (where the results go aside).
     */
    String runKey() {
        return recipe() + " | data " + absolute(data.dataDir) + " csv " + absolute(data.csv) + " test " + testFraction.given
                + " validation " + validation + " from " + absolute(from);
    }

    private static String absolute(Path p) {
        return p == null ? "-" : p.toAbsolutePath().normalize().toString();
    }

    static Path historyPath(Path model) {
        if (model.getFileName() == null) return model;  // "/": refused as a folder by the output check
        String name = model.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return model.resolveSibling(stem + ".history.csv");
    }

    /** A --from model's layers and activations, with --dropout and --input-dropout in place of its own when given. */
    private Architecture startingArchitecture(Architecture a) {
        if (inputDropout != null) a = a.withInputDropout(inputDropout.floatValue());
        if (noise != null) a = a.withNoise(noise);
        if (batchNorm != null) a = a.withBatchNorm(batchNorm);
        if (dropout == null) return a;
        String activations = a.activationsText().replaceAll(",?softmax$", "");
        return LayerOptions.parse(a.sizesText().replace('-', ','), activations.isEmpty() ? "relu" : activations, false,
                dropout, true).withInputDropout(a.inputDropout()).withNoise(a.noise()).withBatchNorm(a.batchNorm());
    }

    private static String or(String given, String preset) {
        return given != null ? given : preset;
    }

    /** The preset's recipe with every option the user gave in its place, and the seed. */
    Recipe recipe() {
        return recipe(null);
    }

    /** The same with {@code given} (a --from model's) as the architecture instead of the options'. */
    private Recipe recipe(Architecture given) {
        Preset p = Preset.parse(preset);
        Recipe base = p.recipe;
        Architecture architecture = given != null ? given
                : LayerOptions.parse(or(layers, p.shown("--layers")), or(activation, p.shown("--activation")),
                activation != null, or(dropout, p.shown("--dropout")), dropout != null)
                .withInputDropout(inputDropout != null ? inputDropout.floatValue() : base.architecture().inputDropout())
                .withNoise(noise != null ? noise : base.architecture().noise())
                .withBatchNorm(batchNorm != null ? batchNorm : base.architecture().batchNorm());
        Recipe.Builder recipe = base.toBuilder().architecture(architecture).seed(seed);
        if (init != null) recipe.init(Initializer.parse(init));
        OptimizerSpec presetOptimizer = base.training().optimizer();
        OptimizerSpec chosen = optimizer != null ? OptimizerSpec.parse(optimizer, presetOptimizer.learningRate()) : presetOptimizer;
        recipe.optimizer(optimizerOptions.apply(learningRate != null ? chosen.withLearningRate(learningRate) : chosen));
        recipe.schedule(scheduleOptions.apply(base.training().schedule()));
        recipe.augmentation(augmentOptions.apply(base.training().augmentation()));
        if (batch != null) recipe.batchSize(batch);
        if (iterations != null) {
            recipe.iterations(iterations);  // wins over --epochs
        } else if (epochs != null) {
            recipe.epochs(epochs);
        }
        EarlyStopping stopping = base.training().earlyStopping();
        if (monitor != null) stopping = stopping.withMonitor(Monitor.parse(monitor));
        if (patience != null) stopping = stopping.withPatience(patience);
        if (minDelta != null) stopping = stopping.withMinDelta(minDelta);
        if (keep != null) stopping = stopping.withKeep(Keep.parse(keep));
        recipe.earlyStopping(stopping);
        boolean fullBatch = (batch != null ? batch : base.training().batchSize()) == TrainingConfig.FULL_BATCH;
        recipe.recording(recordEvery != null ? Recording.every(recordEvery)
                : fullBatch ? Recording.every(FULL_BATCH_RECORD_EVERY) : Recording.everyEpoch());
        return recipe.build();
    }
}
