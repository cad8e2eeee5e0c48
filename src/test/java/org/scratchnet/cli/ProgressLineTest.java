package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scratchnet.train.History;

/**
 * The training progress bar's text: every field at a comfortable width, fields dropped least
 * useful first on narrow terminals (never past the width), clear units, and a final frame drawn
 * from the final numbers rather than the last redraw.
 */
class ProgressLineTest {

    /** Halfway through epoch 3 of 8: smoothed batch figures, the validation accuracy of epoch 2. */
    static final ProgressLine.Frame RUNNING = new ProgressLine.Frame("epoch", 3, 8, 0.3125, 0.123456, 0.96412,
            0.9702, 56_123, 2.5, 5.5, false);

    @Test
    void aWideTerminalShowsEveryFieldInOrder() {
        String line = ProgressLine.render(RUNNING, 200);
        assertThat(line).startsWith("epoch 3/8 █████████░░░░░░░░░░░░░░░░░░░░░ 31% loss 0.1235 acc 96.41% val 97.02%"
                + " 56.1k samples/s ETA 0:06");
    }

    @Test
    void narrowTerminalsDropTheLeastUsefulFieldsFirst() {
        assertThat(ProgressLine.render(RUNNING, 80))
                .isEqualTo("epoch 3/8 ███████░░░░░░░░░░░░░░░░ 31% loss 0.1235 acc 96.41% val 97.02% ETA 0:06")
                .hasSize(80);
        assertThat(ProgressLine.render(RUNNING, 60)).isEqualTo("epoch 3/8 31% loss 0.1235 acc 96.41% val 97.02% ETA 0:06");
        assertThat(ProgressLine.render(RUNNING, 40)).isEqualTo("epoch 3/8 31% loss 0.1235 acc 96.41%");
        assertThat(ProgressLine.render(RUNNING, 25)).as("the percentage fits again once accuracy has gone")
                .isEqualTo("epoch 3/8 31% loss 0.1235");
        assertThat(ProgressLine.render(RUNNING, 20)).isEqualTo("epoch 3/8 acc 96.41%");
    }

    @Test
    void everyWidthIsRespectedAndLossAndAccuracyStayWhileTheyFit() {
        String lossAndAccuracy = "epoch 3/8 loss 0.1235 acc 96.41%";
        for (int width = 200; width >= 9; width--) {
            String line = ProgressLine.render(RUNNING, width);
            assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
            assertThat(line).as("width %d", width).startsWith("epoch 3/8");
            if (width >= lossAndAccuracy.length()) assertThat(line).as("width %d", width).contains("loss 0.1235", "acc 96.41%");
        }
    }

    @Test
    void ratesHaveTheirUnitAndALeadingDigit() {
        assertThat(ProgressLine.rate(900)).isEqualTo("900 samples/s");
        assertThat(ProgressLine.rate(12_345)).isEqualTo("12.3k samples/s");
        assertThat(ProgressLine.rate(1_606_816)).isEqualTo("1.61M samples/s");
        assertThat(ProgressLine.seconds(7.66)).isEqualTo("7.7 s");
        assertThat(ProgressLine.seconds(59.96)).isEqualTo("1 min 00 s");
        assertThat(ProgressLine.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void theFinalFrameShowsTheFinalNumbersAndAFullBar() {
        // The last redraw saw epoch 1's validation accuracy and a running mean; the last row is epoch 8's.
        History.Row last = new History.Row(3376, 8, 432_000, 0.0712, 0.9785, 0.0688, 0.9790, 7.6);
        ProgressLine.Frame f = ProgressReporter.frame("epoch", 3376, 422, 3376, 0, 432_000, 432_000, 0.2, 0.93,
                0.951, last, 7.7, true);
        assertThat(ProgressLine.render(f, 200)).isEqualTo("epoch 8/8 " + "█".repeat(30)
                + " 100% loss 0.0712 acc 97.85% val 97.90% 56.1k samples/s in 7.7 s");
    }

    @Test
    void aFullBatchRunCountsIterationsAndEndsOnTheLast() {
        History.Row last = new History.Row(40, 40, 40 * 54_000L, 0.61, 0.842, 0.60, 0.845, 1.3);
        ProgressLine.Frame f = ProgressReporter.frame("iteration", 40, 1, 40, 0, 40 * 54_000L, 40 * 54_000L, 0.7, 0.8,
                0.83, last, 1.35, true);
        assertThat(ProgressLine.render(f, 80)).startsWith("iteration 40/40 ").contains("100%", "loss 0.6100", "acc 84.20%");
        ProgressLine.Frame running = ProgressReporter.frame("iteration", 40, 1, 37, 0, 37 * 54_000L, 40 * 54_000L, 0.7, 0.8,
                0.83, last, 1.2, false);
        assertThat(ProgressLine.render(running, 80)).startsWith("iteration 37/40 ");
    }

    @Test
    void aResumedRunCountsItsSpeedAndTimeLeftFromWhereItResumed() {
        // Resumed after update 1,688 (half the run, 216,000 examples); 2 s later it is at three quarters.
        ProgressLine.Frame f = ProgressReporter.frame("epoch", 3376, 422, 2532, 216_000, 324_000, 432_000, 0.2, 0.93,
                0.95, null, 2.0, false);
        assertThat(f.samplesPerSecond()).isEqualTo(54_000);
        assertThat(f.etaSeconds()).isEqualTo(2.0);
        assertThat(ProgressLine.render(f, 200)).startsWith("epoch 6/8 ").contains("75%", "54.0k samples/s", "ETA 0:02");
        History.Row last = new History.Row(3376, 8, 432_000, 0.0712, 0.9785, 0.0688, 0.9790, 7.6);
        ProgressLine.Frame end = ProgressReporter.frame("epoch", 3376, 422, 3376, 216_000, 432_000, 432_000, 0.2, 0.93,
                0.95, last, 4.0, true);
        assertThat(end.samplesPerSecond()).isEqualTo(54_000);
    }
}
