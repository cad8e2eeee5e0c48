package org.scratchnet.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scratchnet.train.History;
import org.scratchnet.train.TrainingListener;

/**
 * A training progress bar on stderr: samples done with rate and ETA, and the epoch, loss and
 * accuracy of the recent batches. Shown only when stderr is a terminal.
 */
final class ProgressReporter implements TrainingListener {
    private final int totalEpochs;
    private ProgressBar bar;
    private double smoothLoss = Double.NaN;
    private double smoothAccuracy = Double.NaN;
    private String validation = "";
    private long lastDraw;

    ProgressReporter(int totalEpochs) {
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void started(long totalSamples, int totalSteps) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSamples)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit("k samples", 1000).showSpeed()
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
        // An exponential moving average, so the numbers are readable rather than jumpy.
        smoothLoss = Double.isNaN(smoothLoss) ? batchLoss : 0.95 * smoothLoss + 0.05 * batchLoss;
        smoothAccuracy = Double.isNaN(smoothAccuracy) ? batchAccuracy : 0.95 * smoothAccuracy + 0.05 * batchAccuracy;
        bar.stepTo(samplesSeen);
        long now = System.nanoTime();
        if (now - lastDraw > 100_000_000L) {
            lastDraw = now;
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.4f acc %.2f%%%s", epoch, totalEpochs,
                    smoothLoss, 100 * smoothAccuracy, validation));
        }
    }

    @Override
    public void recorded(History.Row row) {
        if (!Double.isNaN(row.validationAccuracy())) {
            validation = String.format(Locale.ROOT, " val %.2f%%", 100 * row.validationAccuracy());
        }
    }

    @Override
    public void finished() {
        bar.close();
    }
}
