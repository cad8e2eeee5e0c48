package org.scratchnet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One frame of the training progress bar as text, fitted to a terminal width: a pure function of
 * the numbers, so its layout is tested without a terminal or a clock.
 *
 * <pre>
 *   epoch 3/8 ███████████░░░░░░░░░░░ 37% loss 0.1234 acc 96.41% val 97.02% 56.1k samples/s ETA 0:05
 *   epoch 8/8 ██████████████████████ 100% loss 0.0712 acc 97.85% val 97.90% 55.8k samples/s in 7.7 s
 * </pre>
 * Shown in that order; when the terminal is too narrow for all of them, fields are dropped least
 * useful first: the rate, then the bar (the percentage says the same), the time, the percentage,
 * the validation accuracy; the step, loss and accuracy go last. A dropped field that fits again
 * once a longer one has gone comes back. The bar takes whatever width is
 * left, between {@value #MIN_BAR} and {@value #MAX_BAR} cells.
 */
final class ProgressLine {

    static final int MIN_BAR = 10;
    static final int MAX_BAR = 30;

    /**
     * The numbers of one frame. {@code unit} is "epoch", or "iteration" for full-batch training;
     * loss and accuracy are NaN before the first batch, validation accuracy NaN without a
     * validation set, eta NaN when unknown; {@code done} marks the final frame, which shows the
     * time taken instead of the time left.
     */
    record Frame(String unit, int step, int steps, double fraction, double loss, double accuracy,
                 double validationAccuracy, double samplesPerSecond, double seconds, double etaSeconds, boolean done) {}

    private enum Field { STEP, BAR, PERCENT, LOSS, ACCURACY, VALIDATION, RATE, TIME }

    /** Drop order when the line is too long: first to go first. */
    private static final Field[] LEAST_USEFUL_FIRST =
            {Field.RATE, Field.BAR, Field.TIME, Field.PERCENT, Field.VALIDATION, Field.ACCURACY, Field.LOSS};

    private ProgressLine() {}

    /** The frame in at most {@code width} characters (never fewer than the step field). */
    static String render(Frame f, int width) {
        List<Field> shown = new ArrayList<>(List.of(Field.values()));
        if (Double.isNaN(f.validationAccuracy())) shown.remove(Field.VALIDATION);
        if (Double.isNaN(f.loss())) shown.remove(Field.LOSS);
        if (Double.isNaN(f.accuracy())) shown.remove(Field.ACCURACY);
        if (f.samplesPerSecond() <= 0 || !Double.isFinite(f.samplesPerSecond())) shown.remove(Field.RATE);
        if (!f.done() && !Double.isFinite(f.etaSeconds())) shown.remove(Field.TIME);
        List<Field> dropped = new ArrayList<>();
        for (Field drop : LEAST_USEFUL_FIRST) {
            if (length(f, shown, MIN_BAR) <= width) break;
            if (shown.remove(drop)) dropped.add(0, drop);
        }
        // A field dropped on the way may fit again once a longer, more useful one went (most useful first).
        for (Field back : dropped) {
            List<Field> tried = new ArrayList<>(shown);
            tried.add(back);
            tried.sort(null);
            if (length(f, tried, MIN_BAR) <= width) shown = tried;
        }
        int bar = Math.min(MAX_BAR, MIN_BAR + Math.max(0, width - length(f, shown, MIN_BAR)));
        StringBuilder s = new StringBuilder();
        for (Field field : shown) {
            if (s.length() > 0) s.append(' ');
            s.append(text(f, field, bar));
        }
        return s.toString();
    }

    private static int length(Frame f, List<Field> shown, int bar) {
        int n = shown.size() - 1;  // the spaces between fields
        for (Field field : shown) n += text(f, field, bar).length();
        return n;
    }

    private static String text(Frame f, Field field, int bar) {
        return switch (field) {
            case STEP -> f.unit() + " " + f.step() + "/" + f.steps();
            case BAR -> bar(f.fraction(), bar);
            case PERCENT -> Math.round(100 * clamp(f.fraction())) + "%";
            case LOSS -> String.format(Locale.ROOT, "loss %.4f", f.loss());
            case ACCURACY -> String.format(Locale.ROOT, "acc %.2f%%", 100 * f.accuracy());
            case VALIDATION -> String.format(Locale.ROOT, "val %.2f%%", 100 * f.validationAccuracy());
            case RATE -> rate(f.samplesPerSecond());
            case TIME -> f.done() ? "in " + seconds(f.seconds()) : "ETA " + clock(f.etaSeconds());
        };
    }

    private static String bar(double fraction, int cells) {
        int full = (int) Math.floor(clamp(fraction) * cells);
        return "█".repeat(full) + "░".repeat(cells - full);
    }

    /** 950 -> "950 samples/s", 12345 -> "12.3k samples/s", 1606816 -> "1.61M samples/s". */
    static String rate(double perSecond) {
        if (perSecond < 1000) return String.format(Locale.ROOT, "%.0f samples/s", perSecond);
        if (perSecond < 1e6) return String.format(Locale.ROOT, "%.1fk samples/s", perSecond / 1e3);
        return String.format(Locale.ROOT, "%.2fM samples/s", perSecond / 1e6);
    }

    /** 7.66 -> "7.7 s", 125 -> "2 min 05 s". */
    static String seconds(double s) {
        if (s < 59.95) return String.format(Locale.ROOT, "%.1f s", s);
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** 5 -> "0:05", 3725 -> "1:02:05". */
    static String clock(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
