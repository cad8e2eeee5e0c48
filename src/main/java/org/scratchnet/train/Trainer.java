package org.scratchnet.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.scratchnet.MemoryLimit;
import org.scratchnet.SplitMix;
import org.scratchnet.UserException;
import org.scratchnet.augment.Augmenter;
import org.scratchnet.data.Dataset;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.schedule.Schedule;
import org.scratchnet.tensor.Kernels;

/**
 * The training loop: for each batch, compute gradients (forward + backward), then update.
 *
 * <pre>
 *   repeat for every update:
 *     take the next batch (X, y)             (full batch: the whole set; else a seeded shuffle per epoch;
 *                                             with augmentation, each image distorted afresh by the step's threads)
 *     loss = network.computeGradients(X, y)  (fills dW, db of every layer)
 *     α = schedule.rate(step)                (the learning rate of this update; times a factor after a
 *                                             RateChange asked through a TrainingControl)
 *     μ = schedule.momentum(step, μ0)        (one cycle with cycle_momentum: the optimiser's momentum or β1
 *                                             falls while α climbs; otherwise its own μ0 throughout)
 *     optimizer.step(parameters) with α      (W = W - α dW, or momentum, Adam, ...)
 *   at the end of each epoch, with a validation set: a plateau schedule hears the validation loss;
 *     judge the epoch (BestEpoch), keep a copy of the best epoch's weights, stop once the patience
 *     has run out
 *   after each epoch (and when asked to stop): write a checkpoint, if the run keeps them
 *   end with the best epoch's weights (restore-best) or the last update's
 * </pre>
 * Batch buffers are allocated once, before the loop. What changes as a run goes is all in plain
 * sight: the weights, the optimiser's {@code state()}, the schedule's {@code state()}, the
 * shuffling generator and the step ({@link RunState}), which a {@link Checkpoint} saves: a run
 * resumed from one ends with the same bits as a run that was never stopped.
 */
public final class Trainer {
    /**
     * A mean cross-entropy this large means the weights have blown up even if the numbers are
     * still finite (chance level for 10 classes is ln 10 ≈ 2.3; a badly initialised but sane
     * network stays far below this).
     */
    static final double EXPLODED_LOSS = 1e6;

    /**
     * A test hook, in milliseconds: a pause after every update, so that a signal test's SIGTERM or
     * SIGKILL lands in the middle of an epoch, deterministically. Unset (the default), no pause.
     */
    static final String PAUSE_AFTER_UPDATE = "scratchnet.test.pauseAfterUpdate";

    private final TrainingConfig config;
    private TrainingListener listener = TrainingListener.NONE;
    private TrainingControl control = new TrainingControl();
    private Path checkpointFile;
    private List<String> checkpointOptions = List.of();
    private Checkpoint resumeFrom;
    private volatile boolean stopRequested;
    private volatile CountDownLatch running;
    private boolean prepareAhead = false;

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    public Trainer listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /** Lets {@code control} pause the run and change its learning rate between two updates (the live dashboard). */
    public Trainer control(TrainingControl control) {
        this.control = control;
        return this;
    }

    /**
     * Writes a checkpoint of the run to {@code file} after every epoch (with full batches, where an
     * epoch is one update, at every history row), after the last update and when asked to stop; {@code options} are saved in it as given (the command line that started
     * the run, so that it can be continued with nothing else).
     */
    public Trainer checkpoints(Path file, List<String> options) {
        this.checkpointFile = file;
        this.checkpointOptions = List.copyOf(options);
        return this;
    }

    /**
     * Whether an augmented run's batches are prepared ahead, on a thread of their own while the
     * step computes, or (the default) by the step's own threads: in their waits between parallel
     * calls, the rest together when the batch is needed. The images are the same. The step keeps
     * every core busy (its threads spin between their parallel calls), so a thread of its own only
     * competes with it, and each time it takes a core the step's other thread waits at the next
     * barrier. Measured on the default network (784-256-128-10) with elastic distortions, three
     * rounds alternating on 2 cores of a Zen 5 (2026-12-05): steady epochs of 0.53-0.58 s by
     * default, 0.66-0.81 s ahead. Kept for machines with a core the step does not use.
     */
    public Trainer prepareAhead(boolean ahead) {
        this.prepareAhead = ahead;
        return this;
    }

    /** Continues the run of {@code checkpoint} instead of starting one: refused unless it is of this run. */
    public Trainer resumeFrom(Checkpoint checkpoint) {
        this.resumeFrom = checkpoint;
        return this;
    }

    /**
     * Asks the run to stop after its current update, writing a checkpoint there first when it keeps
     * them ({@link History#interruptedAfterStep()} then says where). Safe from any thread: Ctrl-C's.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** {@link #requestStop()}, then waits up to {@code millis} for {@link #fit} to return; false if it did not. */
    public boolean stopAndWait(long millis) {
        requestStop();
        CountDownLatch ended = running;
        if (ended == null) return true;
        try {
            return ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Trains {@code net} on {@code train}; {@code validation} may be null. Returns the history. */
    public History fit(Network net, Dataset train, Dataset validation) {
        CountDownLatch ended = new CountDownLatch(1);
        running = ended;
        try {
            return train(net, train, validation);
        } finally {
            ended.countDown();
        }
    }

    private History train(Network net, Dataset train, Dataset validation) {
        if (train.size == 0) throw new UserException("the training set is empty");
        if (train.features != net.inputSize()) {
            throw new UserException("the network takes " + net.inputSize() + " inputs but the data has "
                    + train.features + " features per example; make the first layer size " + train.features);
        }
        if (train.classes != net.classes()) {
            throw new UserException("the network has " + net.classes() + " output classes but the data has "
                    + train.classes + " (labels 0.." + (train.classes - 1) + "); make the last layer size " + train.classes);
        }
        int N = train.size;
        int batch = config.effectiveBatch(N);
        boolean fullBatch = batch == N;
        boolean augmenting = config.augmentation().augments();
        if (augmenting) Augmenter.side(train.features);  // a shape it cannot distort: refused now
        int stepsPerEpoch = config.stepsPerEpoch(N);
        int totalSteps = config.totalSteps(N);
        int recordEvery = config.recordInterval(N);

        Kernels kernels = net.engine().kernels();  // the optimiser and the batch copy share the network's threads
        Optimizer optimizer = config.optimizer().create(kernels);
        boolean hasValidation = validation != null && validation.size > 0;
        Schedule schedule = schedule(config, N, hasValidation);
        boolean cyclesMomentum = schedule.cyclesMomentum();
        float baseMomentum = config.optimizer().cyclableMomentum();
        EarlyStopping rule = config.earlyStopping();
        boolean judging = hasValidation && rule.judgesEpochs();
        boolean keepBest = judging && rule.keep() == Keep.BEST;
        MemoryLimit.require(memoryNeeded(net, batch, fullBatch, optimizer, keepBest)
                + (augmenting ? AugmentedBatches.bytes(batch, train.features) : 0), "training " + net.architecture().sizesText()
                + " with " + optimizer.describe() + (fullBatch ? " on full batches of " : " on batches of ") + batch,
                "use smaller layers or batches");
        List<float[]> trained = BestWeights.of(net);
        int[] order = new int[N];
        for (int i = 0; i < N; i++) order[i] = i;
        RunState run = new RunState(new BestEpoch(rule), keepBest ? BestWeights.like(trained) : null, order, new SplitMix(config.seed()));
        String data = checkpointFile != null || resumeFrom != null ? Checkpoint.dataFingerprint(train, validation) : null;
        if (resumeFrom != null) {
            resumeFrom.requireFits(config, net, data);
            resumeFrom.restore(run, net, optimizer, schedule);
        }
        MiniBatch miniBatch = fullBatch || augmenting ? null : new MiniBatch(train, batch, kernels);
        float[] xb = fullBatch ? train.x : augmenting ? null : miniBatch.x;
        int[] yb = fullBatch ? train.labels : augmenting ? null : miniBatch.y;

        long start = System.nanoTime();
        long totalSamples = (long) (totalSteps / stepsPerEpoch) * N + Math.min((long) (totalSteps % stepsPerEpoch) * batch, N);
        listener.started(totalSamples, totalSteps);

        if (fullBatch && !augmenting) net.assumeConstantInput(train.x);  // the first layer may list the nonzero pixels once
        // Only the training set is distorted: the validation pass below reads its images as they are.
        AugmentedBatches augmented = augmenting
                ? new AugmentedBatches(train, batch, stepsPerEpoch, config.seed(), config.augmentation(), kernels, prepareAhead) : null;
        BooleanSupplier stopAsked = () -> stopRequested;  // made once: the loop allocates nothing per update
        try {
            for (int step = run.step + 1; step <= totalSteps && run.stoppedEpoch == 0; step++) {
                start += control.holdWhilePaused(run.step, stopAsked, listener);  // a pause is not training time
                int epoch = (step - 1) / stepsPerEpoch + 1;
                int posInEpoch = (step - 1) % stepsPerEpoch;
                if (posInEpoch == 0 && !fullBatch) shuffle(run.order, run.shuffle);
                int n = batch;
                if (augmenting) {
                    n = Math.min(batch, N - posInEpoch * batch);
                    AugmentedBatches.Batch b = augmented.next(epoch, run.order, posInEpoch);
                    xb = b.x();
                    yb = b.y();
                } else if (!fullBatch) {
                    int first = posInEpoch * batch;
                    n = Math.min(batch, N - first);
                    miniBatch.gather(run.order, first, n);
                }

                double loss = net.computeGradients(xb, yb, 0, n);
                if (!Double.isFinite(loss) || loss / n > EXPLODED_LOSS) {
                    throw new TrainingDivergedException(step, epoch, loss / n);
                }
                float scheduled = schedule.rate(step);
                Float asked = control.takeRequestedRate();
                if (asked != null) {
                    RateChange change = new RateChange(step, asked, scheduled);
                    run.history.rateChanged(change);
                    listener.rateChanged(change);
                }
                float rate = RateChange.rate(run.history.rateChanges(), scheduled);
                listener.updating(step, rate);
                optimizer.setLearningRate(rate);
                if (cyclesMomentum) optimizer.setMomentum(schedule.momentum(step, baseMomentum));
                optimizer.step(net.parameters());

                int correct = net.lastCorrect();
                run.step = step;
                run.samples += n;
                run.lossSinceRecord += loss;
                run.correctSinceRecord += correct;
                run.samplesSinceRecord += n;
                listener.batchDone(run.samples, epoch, loss / n, (double) correct / n);

                boolean epochEnd = posInEpoch == stepsPerEpoch - 1 || step == totalSteps;
                boolean record = step % recordEvery == 0 || step == totalSteps;
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                boolean watching = schedule.watchesValidation();  // reduce-on-plateau hears every epoch's validation loss
                if (hasValidation && (record || epochEnd && (judging || watching))) {
                    double[] v = Forward.lossAndAccuracy(net, validation);
                    valLoss = v[0];
                    valAcc = v[1];
                }
                if (epochEnd && watching) schedule.epochEnded(valLoss);
                boolean stop = false;
                if (epochEnd && judging) {
                    if (run.best.judge(epoch, valLoss, valAcc) && keepBest) BestWeights.copy(trained, run.bestWeights);
                    stop = run.best.patienceRanOut() && step < totalSteps;
                }
                if (record || stop) {
                    History.Row row = new History.Row(step, epoch, run.samples, run.lossSinceRecord / run.samplesSinceRecord,
                            (double) run.correctSinceRecord / run.samplesSinceRecord, valLoss, valAcc, seconds(run, start), rate);
                    run.history.add(row);
                    listener.recorded(row);
                    run.lossSinceRecord = 0;
                    run.correctSinceRecord = 0;
                    run.samplesSinceRecord = 0;
                }
                if (epochEnd) listener.epochEnded(epoch);
                if (stop) run.stoppedEpoch = epoch;
                pause();
                boolean interrupted = stopRequested && step < totalSteps && !stop;  // read once: the checkpoint below is of this step
                // After every epoch; with full batches an epoch is one update, so at every history row instead.
                boolean due = fullBatch ? record : epochEnd;
                if (checkpointFile != null && (due || stop || interrupted)) {
                    writeCheckpoint(run, net, optimizer, schedule, data, epoch, start);
                }
                if (interrupted) {
                    run.history.interruptedAfter(step);
                    listener.finished();
                    return run.history;
                }
            }
        } finally {
            // Withdrawn even when training stops early (it diverged): the network must not keep the training array.
            if (fullBatch && !augmenting) net.assumeConstantInput(null);
            if (augmented != null) {
                augmented.close();  // the preparer ends with the run, however it ends
                long[] counts = augmented.distortedAndInWaits();
                run.history.distorted(counts[0], counts[1]);
            }
        }
        if (keepBest && run.best.epoch() > 0) BestWeights.restore(run.bestWeights, trained);
        if (judging) run.history.judged(run.best.state(), keepBest && run.best.epoch() > 0, run.stoppedEpoch);
        listener.finished();
        return run.history;
    }

    private void writeCheckpoint(RunState run, Network net, Optimizer optimizer, Schedule schedule, String data, int epoch, long start) {
        AtomicFiles.write(checkpointFile, Checkpoint.writer(run, net, optimizer, schedule, config, data, epoch, seconds(run, start),
                checkpointOptions));
    }

    private static void pause() {
        long millis = Long.getLong(PAUSE_AFTER_UPDATE, 0);
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(RunState run, long start) {
        return run.secondsBefore + (System.nanoTime() - start) / 1e9;
    }

    /**
     * The schedule of a run of {@code config} on {@code n} training examples, from its first update;
     * a warm-up as long as the run, or a schedule that watches the validation loss in a run without
     * a validation set, is refused in one line (commands call this before any work to check).
     */
    public static Schedule schedule(TrainingConfig config, int n, boolean hasValidation) {
        Schedule schedule = config.schedule().create(config.optimizer().learningRate(), config.stepsPerEpoch(n), config.totalSteps(n));
        if (schedule.watchesValidation() && !hasValidation) {
            throw new UserException("the " + config.schedule().name() + " schedule watches the validation loss, but there is no"
                    + " validation set; hold part of the training set out for validation, or choose another schedule");
        }
        return schedule;
    }

    /**
     * A cheap upper estimate of what training adds to the network itself: the optimiser's state,
     * the batch copy (none for full batches: they read the data in place), and per layer about
     * five [batch, units] arrays (pre-activation, activation, dropout mask, their gradients) plus
     * the gradient passed back to the previous layer (none to the pixels), and a copy of the
     * weights when the best epoch's are kept.
     */
    static long memoryNeeded(Network net, int batch, boolean fullBatch, Optimizer optimizer, boolean keepBest) {
        int[] sizes = net.architecture().sizes();
        long unitsPerExample = fullBatch ? 0 : sizes[0];
        for (int l = 1; l < sizes.length; l++) unitsPerExample += 5L * sizes[l] + (l >= 2 ? sizes[l - 1] : 0);
        long copies = optimizer.statePerParameter() + (keepBest ? 1 : 0);
        long floats = copies * net.parameterCount() + (long) batch * unitsPerExample;
        return Float.BYTES * floats;
    }

    /** Fisher-Yates shuffle with the run's seeded generator (the benchmarks shuffle the same way). */
    public static void shuffle(int[] a, SplitMix random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
