package org.scratchnet.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.augment.Augmenter;
import org.scratchnet.data.Dataset;
import org.scratchnet.tensor.Kernels;

/**
 * The mini-batches of an augmented run: the examples of each batch, in the epoch's order, each
 * distorted afresh ({@link Augmenter}, seeded by the run's seed, the epoch and the example).
 *
 * <p>Not ahead (the trainer's default), the threads of the training step's kernels distort the
 * next batch image by image in their waits while the step computes on the current one
 * ({@link Kernels#fillWaitsWith}: a worker between parallel calls, the caller waiting for the
 * workers' last pieces), and when the next batch is asked for they distort together whatever is
 * left of it. Two buffers take turns. The trainer shuffles the order only before an epoch's first
 * batch, and an epoch's last batch starts nothing ahead, so the order read is always the epoch's.
 *
 * <p>Ahead, a thread of its own prepares the next batch instead: a queue of one ready batch keeps
 * it at most one batch ahead, and it reads the order only until it has handed over the epoch's
 * last batch. It competes with the step's threads for the cores, which the waits do not.
 *
 * <p>Either way the images are the same bits, since each one's distortion depends on nothing
 * else. {@link #close} stops the preparer and the work in the waits, and waits for both: a run
 * that ends, fails or is stopped leaves no thread behind and no thread working on its batches.
 */
final class AugmentedBatches implements AutoCloseable {
    /** One batch: x [capacity, features] and labels y, of which the first n rows are filled. */
    record Batch(float[] x, int[] y) {}

    /** An epoch to prepare: its number, its order of examples, and the batch to start from. */
    private record Job(int epoch, int[] order, int firstBatch) {}

    /** The pieces the rest of a batch is cut into when the step's threads distort it together: a few per thread, so a late one catches up. */
    private static final int PIECES = 8;
    /** How long the trainer waits for a batch before it looks whether the preparer has failed. */
    private static final long POLL_MILLIS = 100;

    private final Dataset source;
    private final int capacity;
    private final int stepsPerEpoch;
    private final long seed;
    private final boolean ahead;
    private final Kernels kernels;
    /** Not ahead: an augmenter for each piece of a batch, one for each thread's waits, and the two buffers. */
    private final Augmenter[] inline;
    private final Augmenter[] waiting;
    private final Batch[] inlineBatches;
    /** Not ahead: the batch being distorted in the threads' waits, or null. */
    private InWaits pending;
    /** The images distorted so far, and how many of them in the threads' waits (not ahead). */
    private long distorted;
    private long distortedInWaits;

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
            waiting = null;
            inlineBatches = null;
        } else {
            preparer = null;
            inline = new Augmenter[PIECES];
            for (int p = 0; p < PIECES; p++) inline[p] = new Augmenter(spec, source.features);
            waiting = new Augmenter[kernels.threads()];
            for (int t = 0; t < waiting.length; t++) waiting[t] = new Augmenter(spec, source.features);
            inlineBatches = new Batch[] {newBatch(), newBatch()};
        }
    }

    /** What the two buffers of a run with batches of {@code capacity} examples of {@code features} take, in bytes. */
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
        if (!ahead) return nextInline(epoch, order, batch);
        if (inUse != null) {
            free.add(inUse);  // never full: the preparer holds the other buffer or has queued it
            inUse = null;
        }
        if (epoch != nextEpoch || batch != nextBatch) {
            // A new epoch (or the first batch of a resumed run): the previous job has handed over all its batches.
            if (!jobs.offer(new Job(epoch, order, batch))) throw new IllegalStateException("the preparer has not taken its last epoch");
        }
        inUse = take();
        distorted += rows(batch);
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

    /**
     * Not ahead: the batch, finished from what the waits distorted if it is the one they were
     * given (or distorted whole), and the next batch of the epoch handed to the waits.
     */
    private Batch nextInline(int epoch, int[] order, int batch) {
        InWaits done = pending;
        pending = null;
        Batch out;
        if (done != null && done.epoch == epoch && done.order == order && done.batch == batch) {
            finish(done);
            out = done.into;
        } else {
            // The first batch, one after an epoch's last, or one the trainer did not ask for in turn (never, from the trainer).
            if (done != null) stop(done);
            out = done != null ? done.into : inlineBatches[0];  // the trainer has let go of both buffers
            finish(new InWaits(out, epoch, order, batch, rows(batch)));
        }
        if (batch + 1 < stepsPerEpoch) {
            pending = new InWaits(out == inlineBatches[0] ? inlineBatches[1] : inlineBatches[0], epoch, order, batch + 1, rows(batch + 1));
            kernels.fillWaitsWith(pending);
        }
        return out;
    }

    private int rows(int batch) {
        return Math.min(capacity, source.size - batch * capacity);
    }

    /** The images of the batches handed out so far, and how many of them the step's threads distorted in their waits. */
    long[] distortedAndInWaits() {
        return new long[] {distorted, distortedInWaits};
    }

    /** Takes {@code w} from the waits and distorts what is left of it on all threads; returns once every image is in. */
    private void finish(InWaits w) {
        kernels.fillWaitsWith(null);
        distorted += w.rows;
        distortedInWaits += w.claimedSoFar();
        kernels.forEachTask(PIECES, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                while (w.distortOne(inline[p])) {
                    // one image after another until none is left
                }
            }
        });
        w.awaitDone(w.rows);
        w.rethrow();
    }

    /** Takes {@code w} from the waits and lets no thread start another image of it; returns once the images begun are done. */
    private void stop(InWaits w) {
        kernels.fillWaitsWith(null);
        w.awaitDone(w.takeNoMore());
    }

    /**
     * A batch distorted one image at a time by whichever thread takes the next: an image is
     * claimed by moving a counter past it, so each is done once, and counted when done.
     */
    private final class InWaits implements Kernels.WaitWork {
        final Batch into;
        final int epoch;
        final int[] order;
        final int batch;
        final int rows;
        private final AtomicInteger claimed = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        InWaits(Batch into, int epoch, int[] order, int batch, int rows) {
            this.into = into;
            this.epoch = epoch;
            this.order = order;
            this.batch = batch;
            this.rows = rows;
        }

        @Override
        public boolean runOne(int slice) {
            return distortOne(waiting[slice]);
        }

        /** Distorts the next image not yet claimed with {@code augmenter}; false if none is left. */
        boolean distortOne(Augmenter augmenter) {
            int r;
            do {
                r = claimed.get();
                if (r >= rows) return false;  // read before any write, so that the waits' spinning stays in the cache
            } while (!claimed.compareAndSet(r, r + 1));
            try {
                fill(augmenter, into, epoch, order, batch, r, r + 1);
            } catch (Throwable t) {
                failure = t;  // thrown by the trainer's thread in finish
            } finally {
                done.incrementAndGet();
            }
            return true;
        }

        int claimedSoFar() {
            return claimed.get();
        }

        /** Lets no thread claim another image; returns how many were claimed before. */
        int takeNoMore() {
            return claimed.getAndSet(rows);
        }

        /** Waits until {@code claims} images are done (a thread may be in the middle of one: a few microseconds). */
        void awaitDone(int claims) {
            while (done.get() < claims) Thread.onSpinWait();
        }

        void rethrow() {
            Throwable f = failure;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            if (f != null) throw new IllegalStateException(f);
        }
    }

    /** The preparer's loop: each job's batches in turn, each into a free buffer, handed over when ready. */
    private void prepare(Augmenter augmenter) {
        try {
            while (true) {
                Job job = jobs.take();
                for (int b = job.firstBatch(); b < stepsPerEpoch; b++) {
                    Batch batch = free.take();
                    fill(augmenter, batch, job.epoch(), job.order(), b, 0, rows(b));
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

    /** Stops the work in the waits and the preparer, and waits for both to end. */
    @Override
    public void close() {
        if (pending != null) {
            stop(pending);
            pending = null;
        }
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
