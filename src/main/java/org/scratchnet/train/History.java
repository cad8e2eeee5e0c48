package org.scratchnet.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.scratchnet.io.AtomicFiles;

/**
 * Loss and accuracy over the course of training, one row per record point, for the curves of
 * accuracy against iteration. Train figures are the mean over the batches since the previous
 * row, measured before each update (free, as the forward pass computes them anyway); validation
 * figures are a full pass over the validation set with dropout off (NaN without one). When the
 * run judged its epochs ({@link EarlyStopping}), the history also says which epoch was best, whether
 * the run ended with that epoch's weights, and the epoch after which it stopped early, if it did.
 * The learning rate is the one the row's last update ran at (the schedule's α(t) at the row's
 * iteration; NaN where no update was made, as in the start row of a curve): with
 * {@code Recording.every(1)} it is recorded for every step. Learning-rate changes made while the
 * run trained ({@link RateChange}) are kept beside the rows.
 */
public final class History {

    public record Row(int iteration, int epoch, long samples, double trainLoss, double trainAccuracy,
                      double validationLoss, double validationAccuracy, double seconds, double learningRate) {

        /** A row without a learning rate: the state before any update, or results made elsewhere. */
        public Row(int iteration, int epoch, long samples, double trainLoss, double trainAccuracy,
                   double validationLoss, double validationAccuracy, double seconds) {
            this(iteration, epoch, samples, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, Double.NaN);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<RateChange> rateChanges = new ArrayList<>();
    private BestEpoch.State best;
    private boolean keptBest;
    private int stoppedEpoch;
    private int interruptedAfter;
    private long imagesDistorted;
    private long distortedInWaits;

    /** A history of the given rows, in order: for results made elsewhere (or by hand, in tests). */
    public static History of(List<Row> rows) {
        History h = new History();
        h.rows.addAll(rows);
        return h;
    }

    /**
     * This history with {@code start} as its first row: the state before any update (iteration
     * 0), which a trainer does not record, so that curves start where training started.
     */
    public History startingWith(Row start) {
        History h = new History();
        h.rows.add(start);
        h.rows.addAll(rows);
        return h;
    }

    void add(Row row) {
        rows.add(row);
    }

    void rateChanged(RateChange change) {
        rateChanges.add(change);
    }

    /**
     * The learning-rate changes made while the run trained (from the live dashboard), in order;
     * each row's learning rate is the one its update really ran at, after them.
     */
    public List<RateChange> rateChanges() {
        return Collections.unmodifiableList(rateChanges);
    }

    /** Records how the run judged its epochs: the best one, whether its weights were kept, where it stopped (0: it did not). */
    void judged(BestEpoch.State best, boolean keptBest, int stoppedEpoch) {
        this.best = best;
        this.keptBest = keptBest;
        this.stoppedEpoch = stoppedEpoch;
    }

    /**
     * The best epoch by the run's monitored quantity, with its validation loss and accuracy; empty
     * when the run did not judge its epochs (no validation set, or neither patience nor keep best).
     */
    public Optional<BestEpoch.State> best() {
        return best == null || best.epoch() == 0 ? Optional.empty() : Optional.of(best);
    }

    /** Whether the network ended the run with its best epoch's weights (restore-best) rather than its last update's. */
    public boolean keptBest() {
        return keptBest;
    }

    /** Records that the run was asked to stop (Ctrl-C) after update {@code step}, before its end. */
    void interruptedAfter(int step) {
        this.interruptedAfter = step;
    }

    /**
     * The update after which the run was asked to stop before its end ({@link Trainer#requestStop}),
     * its weights left as they were then; empty if it ran to its end (or stopped early by patience).
     */
    public OptionalInt interruptedAfterStep() {
        return interruptedAfter == 0 ? OptionalInt.empty() : OptionalInt.of(interruptedAfter);
    }

    /** Records how many training images the run distorted, and how many of them in the waits of the step's threads. */
    void distorted(long images, long inWaits) {
        this.imagesDistorted = images;
        this.distortedInWaits = inWaits;
    }

    /** How many training images this run distorted ({@code --augment}; 0 without), counting each epoch's afresh. */
    public long imagesDistorted() {
        return imagesDistorted;
    }

    /**
     * How many of {@link #imagesDistorted} the training step's threads distorted in their waits,
     * while they computed on the batch before; the rest they distorted together when the batch was
     * needed (or a thread of its own did, with {@code Trainer.prepareAhead}: then 0).
     */
    public long distortedInWaits() {
        return distortedInWaits;
    }

    /** The epoch after which early stopping ended the run; empty if it ran to the end. */
    public OptionalInt stoppedEpoch() {
        return stoppedEpoch == 0 ? OptionalInt.empty() : OptionalInt.of(stoppedEpoch);
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    public Row last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** The CSV's columns, in order; learning_rate comes last, after the columns files had before it. */
    public static final List<String> CSV_COLUMNS = List.of("iteration", "epoch", "samples", "train_loss", "train_accuracy",
            "validation_loss", "validation_accuracy", "seconds", "learning_rate");

    /** The rows as CSV ({@link #CSV_COLUMNS}), the learning rate in full float precision. */
    public String toCsv() {
        StringBuilder s = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f,%.6f,%s,%s,%.3f,%s%n", r.iteration, r.epoch, r.samples,
                    r.trainLoss, r.trainAccuracy, number(r.validationLoss), number(r.validationAccuracy), r.seconds,
                    Double.isNaN(r.learningRate) ? "" : Float.toString((float) r.learningRate)));
        }
        return s.toString();
    }

    public void writeCsv(Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
