package org.scratchnet.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.augment.Augmenter;
import org.scratchnet.data.Dataset;
import org.scratchnet.tensor.Kernels;

/**
 * The mini-batches of an augmented run: the examples of each batch, in the epoch's order, each
 * distorted afresh ({@link Augmenter}, seeded by the run's seed, the epoch and the example).
 *
 * <p>Ahead, a thread of its own prepares the next batch while the training step
 * computes on the current one: two buffers take turns, handed over through a queue of one ready
 * batch, so the preparer is at most one batch ahead and never allocates. The trainer gives it the
 * epoch's order once the epoch is shuffled; the preparer reads the order only until it has handed
 * over the epoch's last batch, before which the trainer cannot shuffle again. Not ahead (the
 * trainer's default), the threads of the training step's kernels distort each batch together when it is asked for, each
 * thread taking pieces of it with an augmenter of each piece's own. Either way the images are
 * the same bits, since each one's distortion depends on nothing else. {@link #close} stops the preparer and waits
 * for it: a run that ends, fails or is stopped leaves no thread behind.
 */
final class AugmentedBatches implements AutoCloseable {
    /** One batch: x [capacity, features] and labels y, of which the first n rows are filled. */
    record Batch(float[] x, int[] y) {}

    /** An epoch to prepare: its number, its order of examples, and the batch to start from. */
    private record Job(int epoch, int[] order, int firstBatch) {}

    /** The pieces a batch is cut into when the step's threads distort it together: a few per thread, so a late one catches up. */
    private static final int PIECES = 8;
    /** How long the trainer waits for a batch before it looks whether the preparer has failed. */
    private static final long POLL_MILLIS = 100;

    private final Dataset source;
    private final int capacity;
    private final int stepsPerEpoch;
    private final long seed;
    private final boolean ahead;
    private final Kernels kernels;
    /** Not ahead: an augmenter for each piece of a batch, and the one buffer. */
    private final Augmenter[] inline;
    private final Batch inlineBatch;

    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(1);
    private final Thread preparer;
    private volatile Throwable failure;
    /** The batch the trainer holds (ahead), given back when it asks for the next. */
    private Batch inUse;
    /** The epoch and batch the preparer will hand over next; -1 before the first job. */
    private int nextEpoch = -1;
    private int nextBatch = -1;

    /**
     * Batches of at most {@code capacity} examples of {@code source}, {@code stepsPerEpoch} an
     * epoch, prepared ahead or, if not, by the threads of {@code kernels} when asked for.
     */
    AugmentedBatches(Dataset source, int capacity, int stepsPerEpoch, long seed, AugmentationSpec spec, Kernels kernels, boolean ahead) {
        this.source = source;
        this.capacity = capacity;
        this.stepsPerEpoch = stepsPerEpoch;
        this.seed = seed;
        this.ahead = ahead;
        this.kernels = kernels;
        if (ahead) {
            for (int i = 0; i < 2; i++) free.add(newBatch());
            Augmenter own = new Augmenter(spec, source.features);
            preparer = new Thread(() -> prepare(own), "scratchnet-augment");
            preparer.setDaemon(true);  // never keeps the JVM alive, even if a caller forgets close()
            preparer.start();
            inline = null;
            inlineBatch = null;
        } else {
            preparer = null;
            inline = new Augmenter[PIECES];
            for (int p = 0; p < PIECES; p++) inline[p] = new Augmenter(spec, source.features);
            inlineBatch = newBatch();
        }
    }

    /** What the buffers of a run with batches of {@code capacity} examples of {@code features} take, in bytes (two when ahead). */
    static long bytes(int capacity, int features) {
        return 2L * capacity * ((long) features * Float.BYTES + Integer.BYTES);
    }

    private Batch newBatch() {
        return new Batch(new float[capacity * source.features], new int[capacity]);
    }

    /**
     * Batch {@code batch} of {@code epoch} (from 1), the examples {@code order[batch·capacity ..]}
     * distorted; valid until the next call. {@code order} must stay as it is until the epoch's
     * last batch has been asked for.
     */
    Batch next(int epoch, int[] order, int batch) {
        if (!ahead) {
            int n = Math.min(capacity, source.size - batch * capacity);
            kernels.forEachTask(PIECES, (p0, p1) -> {
                for (int p = p0; p < p1; p++) fill(inline[p], inlineBatch, epoch, order, batch, p * n / PIECES, (p + 1) * n / PIECES);
            });
            return inlineBatch;
        }
        if (inUse != null) {
            free.add(inUse);  // never full: the preparer holds the other buffer or has queued it
            inUse = null;
        }
        if (epoch != nextEpoch || batch != nextBatch) {
            // A new epoch (or the first batch of a resumed run): the previous job has handed over all its batches.
            if (!jobs.offer(new Job(epoch, order, batch))) throw new IllegalStateException("the preparer has not taken its last epoch");
        }
        inUse = take();
        nextEpoch = epoch;
        nextBatch = batch + 1;
        return inUse;
    }

    private Batch take() {
        try {
            while (true) {
                Batch b = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (b != null) return b;
                Throwable f = failure;
                if (f instanceof RuntimeException e) throw e;
                if (f instanceof Error e) throw e;
                if (f != null || !preparer.isAlive()) throw new IllegalStateException("the batch preparer stopped", f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    /** The preparer's loop: each job's batches in turn, each into a free buffer, handed over when ready. */
    private void prepare(Augmenter augmenter) {
        try {
            while (true) {
                Job job = jobs.take();
                for (int b = job.firstBatch(); b < stepsPerEpoch; b++) {
                    Batch batch = free.take();
                    fill(augmenter, batch, job.epoch(), job.order(), b, 0, Math.min(capacity, source.size - b * capacity));
                    ready.put(batch);
                }
            }
        } catch (InterruptedException e) {
            // closed: the run has ended
        } catch (Throwable t) {
            failure = t;  // the trainer throws it when it next waits for a batch
        }
    }

    /** Distorts the examples of rows {@code from .. to} of batch {@code b} of the epoch into {@code into}. */
    private void fill(Augmenter augmenter, Batch into, int epoch, int[] order, int b, int from, int to) {
        int f = source.features;
        int first = b * capacity;
        for (int r = from; r < to; r++) {
            int i = order[first + r];
            augmenter.augment(source.x, i * f, into.x(), r * f, Augmenter.exampleSeed(seed, epoch, i));
            into.y()[r] = source.labels[i];
        }
    }

    /** Stops the preparer and waits for it to end. */
    @Override
    public void close() {
        if (preparer == null) return;
        preparer.interrupt();
        boolean interrupted = false;
        while (preparer.isAlive()) {
            try {
                preparer.join();
            } catch (InterruptedException e) {
                interrupted = true;  // the preparer is already told to stop; finish waiting, then pass the interrupt on
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
