package org.scratchnet.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.scratchnet.train.History;
import org.scratchnet.train.TrainingListener;

/**
 * A training progress bar on stderr, shown only when stderr is a terminal: the epoch (or
 * iteration, for full-batch training), how far along, the loss and accuracy of the recent
 * batches (a moving average, readable rather than jumpy), the latest validation accuracy, the
 * speed and the time left. tongfei's progressbar draws it (terminal width, redraw cadence) with
 * {@link ProgressLine} as the renderer.
 *
 * <p>The last frame is drawn from the final numbers, not the last redraw: the last history row's
 * training loss and accuracy (the mean over its batches) and validation accuracy, the whole bar,
 * the final step, the overall speed and the time taken.
 *
 * <p>A resumed run starts its bar where the checkpoint left off; its speed and time left count
 * only the examples trained on since it resumed.
 */
final class ProgressReporter implements TrainingListener {
    private final String unit;
    private final int totalSteps;
    private final int stepsPerUnit;
    /** Examples trained on before this process started (a resumed run's), not counted in its speed. */
    private final long samplesBefore;
    private ProgressBar bar;
    private long startNanos;
    private long totalSamples;
    // Written by the training thread, read by the bar's redraw thread: guarded by this.
    private long samples;
    private int step;
    private double smoothLoss = Double.NaN;
    private double smoothAccuracy = Double.NaN;
    private double validationAccuracy = Double.NaN;
    private History.Row lastRow;
    private boolean done;
    private double finalSeconds;

    /**
     * {@code fullBatch}: count iterations rather than epochs. {@code totalSteps} updates in all,
     * {@code stepsPerEpoch} of them per epoch; {@code stepsBefore} updates on {@code samplesBefore}
     * examples were made before (by the run this one resumes; 0 and 0 for a new run).
     */
    ProgressReporter(boolean fullBatch, int totalSteps, int stepsPerEpoch, int stepsBefore, long samplesBefore) {
        this.unit = fullBatch ? "iteration" : "epoch";
        this.totalSteps = totalSteps;
        this.stepsPerUnit = fullBatch ? 1 : stepsPerEpoch;
        this.step = stepsBefore;
        this.samples = samplesBefore;
        this.samplesBefore = samplesBefore;
    }

    @Override
    public void started(long totalSamples, int totalSteps) {
        this.totalSamples = totalSamples;
        this.startNanos = System.nanoTime();
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSamples).startsFrom(samplesBefore, java.time.Duration.ZERO)
                .setUpdateIntervalMillis(200)
                // The width is the terminal's less a margin column (80 when unknown); padding wipes a longer previous frame.
                .setRenderer((state, width) -> pad(ProgressLine.render(frame(), width), width))
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
        synchronized (this) {
            smoothLoss = Double.isNaN(smoothLoss) ? batchLoss : 0.95 * smoothLoss + 0.05 * batchLoss;
            smoothAccuracy = Double.isNaN(smoothAccuracy) ? batchAccuracy : 0.95 * smoothAccuracy + 0.05 * batchAccuracy;
            samples = samplesSeen;
            step++;
        }
        bar.stepTo(samplesSeen);
    }

    @Override
    public synchronized void recorded(History.Row row) {
        lastRow = row;
        if (!Double.isNaN(row.validationAccuracy())) validationAccuracy = row.validationAccuracy();
    }

    @Override
    public void finished() {
        synchronized (this) {
            done = true;
            finalSeconds = (System.nanoTime() - startNanos) / 1e9;
        }
        bar.stepTo(totalSamples);
        bar.close();  // draws the final frame, then ends the line
    }

    /** The numbers to draw now. */
    synchronized ProgressLine.Frame frame() {
        double seconds = done ? finalSeconds : (System.nanoTime() - startNanos) / 1e9;
        return frame(unit, totalSteps, stepsPerUnit, step, samplesBefore, samples, totalSamples, smoothLoss, smoothAccuracy,
                validationAccuracy, lastRow, seconds, done);
    }

    /**
     * A frame from the reporter's state; the final one ({@code done}) takes loss and accuracy from the last history row.
     * The speed and time left are those of the {@code samples - samplesBefore} examples this process trained on.
     */
    static ProgressLine.Frame frame(String unit, int totalSteps, int stepsPerUnit, int step, long samplesBefore, long samples,
                                    long totalSamples,
                                   double smoothLoss, double smoothAccuracy, double validationAccuracy, History.Row lastRow,
                                   double seconds, boolean done) {
        int units = (totalSteps + stepsPerUnit - 1) / stepsPerUnit;
        int current = Math.max(1, Math.min(units, (step + stepsPerUnit - 1) / stepsPerUnit));
        double fraction = totalSamples == 0 ? 0 : (double) samples / totalSamples;
        long trainedHere = samples - samplesBefore;
        double rate = seconds > 0 ? trainedHere / seconds : 0;
        double eta = trainedHere > 0 && !done ? (totalSamples - samples) / rate : Double.NaN;
        double loss = smoothLoss;
        double accuracy = smoothAccuracy;
        if (done && lastRow != null) {
            current = units;
            fraction = 1;
            loss = lastRow.trainLoss();
            accuracy = lastRow.trainAccuracy();
            validationAccuracy = lastRow.validationAccuracy();
            rate = seconds > 0 ? (lastRow.samples() - samplesBefore) / seconds : 0;
        }
        return new ProgressLine.Frame(unit, current, units, fraction, loss, accuracy, validationAccuracy, rate, seconds,
                eta, done);
    }

    private static String pad(String line, int width) {
        return line.length() >= width ? line : line + " ".repeat(width - line.length());
    }
}
