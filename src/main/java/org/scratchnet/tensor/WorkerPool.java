package org.scratchnet.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of long-lived threads that split a range of rows with the calling thread.
 * {@link #run} cuts {@code [0, total)} into a few contiguous pieces per thread, which the threads
 * (the caller among them) take in turn until none is left, and returns when all are done. Taking
 * pieces rather than one fixed half each keeps both cores busy when one starts late or runs
 * slower; tasks compute each element the same way whoever takes it, so the results do not
 * depend on the split. Nothing is allocated per call and no thread is created after
 * construction, so it can sit inside the training loop. A task carries its own operands (a
 * capturing lambda or an operands record, made by the caller); the pool only hands it over.
 */
final class WorkerPool {

    /** Work on the rows {@code [start, end)} as thread number {@code slice} (0 = the caller; for per-thread scratch). */
    interface SliceTask {
        void run(int start, int end, int slice);
    }

    /**
     * How long a thread spins before it parks: a worker after its last slice, waiting for the next
     * call, and the caller waiting for the workers. A training step makes a dozen calls tens to
     * hundreds of microseconds apart; waking a parked thread costs tens of microseconds on a
     * virtual machine and parkNanos sleeps at least ~50, which spinning across those gaps avoids.
     * A pool left idle parks after this long, so it costs nothing between runs.
     */
    private static final long SPIN_NANOS = 200_000L;

    private final Thread[] workers;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger nextPiece = new AtomicInteger();  // start of the next piece to take
    /** Pieces per thread: enough to even out a late start, few enough that taking one is cheap. */
    private static final int PIECES_PER_THREAD = 4;
    // The current call, handed to the workers: one of task and range, the other null.
    private volatile int piece;
    private volatile SliceTask task;
    private volatile Kernels.Range range;
    private volatile int total;
    private volatile Thread caller;
    private volatile Throwable failure;

    WorkerPool(int helpers) {
        workers = new Thread[helpers];
        for (int w = 0; w < helpers; w++) {
            int slice = w + 1;  // slice 0 belongs to the caller
            workers[w] = new Thread(() -> loop(slice), "scratchnet-kernel-" + slice);
            workers[w].setDaemon(true);
            workers[w].start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** Runs {@code task} over {@code [0, total)} on all threads; one call at a time. */
    synchronized void run(SliceTask task, int total) {
        share(task, null, total);
    }

    /** Runs {@code body} over {@code [0, total)} on all threads, like {@link #run(SliceTask, int)}. */
    synchronized void runRanges(Kernels.Range body, int total) {
        share(null, body, total);
    }

    private void share(SliceTask task, Kernels.Range range, int total) {
        this.task = task;
        this.range = range;
        this.total = total;
        this.caller = Thread.currentThread();
        this.failure = null;
        this.piece = Math.max(1, total / (threads() * PIECES_PER_THREAD));
        nextPiece.set(0);
        pending.set(workers.length);
        generation.incrementAndGet();  // publishes the fields above to the workers
        for (Thread w : workers) LockSupport.unpark(w);
        try {
            runSlice(task, range, total, 0);
        } finally {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (pending.get() > 0) {
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 20_000L);
            }
            this.task = null;  // the pool keeps no operand alive between calls
            this.range = null;
        }
        Throwable f = failure;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error e) throw e;
    }

    private void runSlice(SliceTask task, Kernels.Range range, int total, int slice) {
        int size = piece;
        for (int start; (start = nextPiece.getAndAdd(size)) < total; ) {
            int end = Math.min(total, start + size);
            if (range != null) range.run(start, end);
            else task.run(start, end, slice);
        }
    }

    private void loop(int slice) {
        int seen = 0;
        long spinUntil = 0;
        while (true) {
            int g = generation.get();
            if (g == seen) {
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.park(this);
                continue;
            }
            seen = g;
            try {
                runSlice(task, range, total, slice);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
