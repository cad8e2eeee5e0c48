package org.scratchnet.dashboard;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.ConfusionMatrix;
import org.scratchnet.nn.Network;
import org.scratchnet.train.History;
import org.scratchnet.train.RateChange;
import org.scratchnet.train.TrainingListener;

/**
 * Turns a training run into the dashboard's events ({@link TrainingEvents}), on the training
 * thread, at a throttled cadence so that watching costs little: a "progress" event at most every
 * {@value #PROGRESS_MILLIS} ms (the mean batch loss and accuracy since the last one, the rate,
 * samples/s, the time left), "stats" and "weights" at most every {@value #STATS_MILLIS} ms and
 * after the last update of every epoch ({@link LayerStatistics} of every layer on a probe batch of
 * {@value #PROBE_ROWS} validation images, and the first layer's weights as 28x28 images for a
 * 784-input network), a "record" for every history row, a "confusion" matrix on the validation set
 * after every epoch, and "rate", "paused" and "resumed" as they happen. It reads the network and
 * changes nothing: a run watched makes the same updates as one that is not.
 */
public final class DashboardListener implements TrainingListener {
    static final long PROGRESS_MILLIS = 250;
    static final long STATS_MILLIS = 2000;
    /** Validation images the activation statistics are measured on: the same ones at every sample. */
    static final int PROBE_ROWS = 500;
    /** First-layer units drawn as images (the first ones). */
    static final int MAX_IMAGES = 64;
    static final int SIDE = 28;

    /** What the run is, for the page's heading (the listener learns the rest as it goes). */
    public record Run(String title, int stepsPerEpoch, int trainingExamples, long samplesBefore) {}

    private final Network net;
    private final Dataset validation;
    private final float[] probe;
    private final int probeRows;
    private final Run run;
    private final TrainingEvents events;

    private long startNanos;
    private long pausedNanos;
    private long pausedAt;
    private long lastProgressNanos;
    private long lastStatsNanos;
    private long lastConfusionNanos;
    private int step;
    private long samples;
    private long samplesAtStart;
    private long totalSamples;
    private int totalSteps;
    private long samplesAtLastProgress;
    private long nanosAtLastProgress;
    private int epoch;
    private float rate = Float.NaN;
    private double lossSum;
    private double accuracySum;
    private int batches;
    private Double loss;  // the latest mean batch loss, every event's "loss"
    private float[][] before;   // W[l] before the update being sampled, or null
    private float[][] gradients;

    /** Listens for {@code run} of {@code net}; {@code validation} (may be null) gives the probe and the confusion matrix, else {@code train}. */
    public DashboardListener(Network net, Dataset train, Dataset validation, Run run, TrainingEvents events) {
        this.net = net;
        this.validation = validation;
        Dataset probeSet = validation != null ? validation : train;
        this.probeRows = Math.min(PROBE_ROWS, probeSet.size);
        this.probe = java.util.Arrays.copyOf(probeSet.x, probeRows * probeSet.features);
        this.run = run;
        this.events = events;
    }

    @Override
    public void started(long totalSamples, int totalSteps) {
        startNanos = System.nanoTime();
        nanosAtLastProgress = startNanos;
        lastStatsNanos = startNanos;  // the first sample when the run is warm, not at its first update
        samples = samplesAtStart = samplesAtLastProgress = run.samplesBefore();
        this.totalSamples = totalSamples;
        this.totalSteps = totalSteps;
        Map<String, Object> e = event("started");
        e.put("title", run.title());
        e.put("layers", net.architecture().sizes());
        e.put("total_steps", totalSteps);
        e.put("total_samples", totalSamples);
        e.put("steps_per_epoch", run.stepsPerEpoch());
        e.put("training_examples", run.trainingExamples());
        e.put("validation_examples", validation == null ? 0 : validation.size);
        e.put("probe_examples", probeRows);
        e.put("image_side", net.inputSize() == SIDE * SIDE ? SIDE : null);
        events.publish(e);
    }

    @Override
    public void updating(int step, float rate) {
        this.step = step;
        this.rate = rate;
        long now = System.nanoTime();
        // After each epoch too, but not at every update of full-batch training, where an epoch is one update.
        boolean epochEnd = run.stepsPerEpoch() > 1 && (step % run.stepsPerEpoch() == 0 || step == totalSteps);
        if (epochEnd || now - lastStatsNanos >= STATS_MILLIS * 1_000_000) {
            lastStatsNanos = now;
            int L = net.depth();
            before = new float[L][];
            gradients = new float[L][];
            for (int l = 0; l < L; l++) {
                before[l] = net.weights(l);
                gradients[l] = net.weightGradient(l);
            }
        }
    }

    @Override
    public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
        this.samples = samplesSeen;
        this.epoch = epoch;
        lossSum += batchLoss;
        accuracySum += batchAccuracy;
        batches++;
        long now = System.nanoTime();
        if (now - lastProgressNanos >= PROGRESS_MILLIS * 1_000_000 || step == totalSteps || before != null) progress(now);
        if (before != null) {
            sample();
            before = null;
            gradients = null;
        }
    }

    private void progress(long now) {
        lastProgressNanos = now;
        loss = lossSum / batches;
        Map<String, Object> e = event("progress");
        e.put("epoch", epoch);
        e.put("samples", samples);
        e.put("accuracy", accuracySum / batches);
        e.put("learning_rate", rate);
        double seconds = trainingSeconds(now);
        double recent = (now - nanosAtLastProgress) / 1e9;
        e.put("samples_per_second", recent > 0 ? (samples - samplesAtLastProgress) / recent : null);
        double sessionSpeed = (samples - samplesAtStart) / Math.max(1e-9, seconds);
        e.put("eta_seconds", sessionSpeed > 0 ? Math.max(0, totalSamples - samples) / sessionSpeed : null);
        e.put("seconds", seconds);
        events.publish(e);
        samplesAtLastProgress = samples;
        nanosAtLastProgress = now;
        lossSum = 0;
        accuracySum = 0;
        batches = 0;
    }

    /** The statistics of the update just made, and the first layer's weights. */
    private void sample() {
        List<LayerStatistics> stats = LayerStatistics.measure(net, probe, probeRows, before, gradients);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerStatistics s : stats) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", s.layer());
            l.put("activation", s.activation());
            l.put("activation_mean", s.activationMean());
            l.put("activation_std", s.activationStd());
            l.put("dead_fraction", s.deadFraction());
            l.put("gradient_norm", s.gradientNorm());
            l.put("weight_norm", s.weightNorm());
            l.put("update_ratio", s.updateRatio());
            layers.add(l);
        }
        Map<String, Object> e = event("stats");
        e.put("epoch", epoch);
        e.put("layers", layers);
        events.publish(e);
        if (net.inputSize() == SIDE * SIDE) events.publish(weights(net.weights(0), net.architecture().sizes()[1]));
    }

    /**
     * The first {@value #MAX_IMAGES} units' incoming weights, each scaled by its largest magnitude
     * to a signed byte (-127 .. 127), as base64: 784 bytes an image instead of 784 numbers.
     */
    private Map<String, Object> weights(float[] W, int units) {
        int shown = Math.min(units, MAX_IMAGES);
        int in = SIDE * SIDE;
        byte[] bytes = new byte[shown * in];
        double[] scales = new double[shown];
        for (int u = 0; u < shown; u++) {
            float max = 0;
            for (int k = 0; k < in; k++) max = Math.max(max, Math.abs(W[u * in + k]));
            scales[u] = max;
            for (int k = 0; k < in; k++) bytes[u * in + k] = (byte) (max > 0 ? Math.round(127 * W[u * in + k] / max) : 0);
        }
        Map<String, Object> e = event("weights");
        e.put("units", units);
        e.put("shown", shown);
        e.put("side", SIDE);
        e.put("scales", scales);
        e.put("data", Base64.getEncoder().encodeToString(bytes));
        return e;
    }

    @Override
    public void recorded(History.Row row) {
        Map<String, Object> e = event("record");
        e.put("step", row.iteration());
        e.put("epoch", row.epoch());
        e.put("samples", row.samples());
        e.put("loss", row.trainLoss());
        e.put("accuracy", row.trainAccuracy());
        e.put("validation_loss", row.validationLoss());
        e.put("validation_accuracy", row.validationAccuracy());
        e.put("learning_rate", row.learningRate());
        e.put("seconds", row.seconds());
        events.publish(e);
    }

    @Override
    public void epochEnded(int epoch) {
        if (validation == null) return;
        long now = System.nanoTime();
        if (run.stepsPerEpoch() == 1 && now - lastConfusionNanos < STATS_MILLIS * 1_000_000 && step != totalSteps) return;
        lastConfusionNanos = now;
        int[] predicted = net.predict(validation);
        ConfusionMatrix cm = ConfusionMatrix.of(validation.labels, predicted, net.classes());
        long right = 0;
        for (int c = 0; c < net.classes(); c++) right += cm.count(c, c);
        Map<String, Object> e = event("confusion");
        e.put("epoch", epoch);
        e.put("accuracy", (double) right / validation.size);
        e.put("matrix", cm.counts());
        events.publish(e);
    }

    @Override
    public void rateChanged(RateChange change) {
        Map<String, Object> e = event("rate");
        e.put("step", change.step());
        e.put("learning_rate", change.rate());
        e.put("scheduled", change.scheduled());
        e.put("scale", change.scheduled() == 0f ? null : change.scale());  // null: held, a schedule at 0 has no scale (strict JSON)
        events.publish(e);
    }

    @Override
    public void paused(int step) {
        pausedAt = System.nanoTime();
        events.publish(event("paused"));
    }

    @Override
    public void resumed(int step) {
        long now = System.nanoTime();
        pausedNanos += now - pausedAt;
        lastProgressNanos = now;
        nanosAtLastProgress = now;
        samplesAtLastProgress = samples;
        events.publish(event("resumed"));
    }

    @Override
    public void finished() {
        if (batches > 0) progress(System.nanoTime());
    }

    /** The run is over: {@code outcome} says how (saved, stopped), {@code details} where its files went. */
    public void end(String outcome, Map<String, Object> details) {
        Map<String, Object> e = event("finished");
        e.put("outcome", outcome);
        e.putAll(details);
        events.publish(e);
    }

    /** Seconds of training in this session so far, pauses left out. */
    private double trainingSeconds(long now) {
        return (now - startNanos - pausedNanos) / 1e9;
    }

    /** A new event of this type with the step and latest loss every event carries. */
    private Map<String, Object> event(String type) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("step", step);
        e.put("loss", loss);
        return e;
    }
}
