package org.scratchnet.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of long-lived threads that split a range of rows with the calling thread.
 * {@link #run} cuts {@code [0, total)} into a few contiguous pieces per thread, which the threads
 * (the caller among them) take in turn until none is left, and returns when every piece is done.
 * Taking pieces rather than one fixed half each keeps both cores busy when one starts late or
 * runs slower; tasks compute each element the same way whoever takes it, so the results do not
 * depend on the split.
 *
 * <p>A call ends when its pieces are done, not when every worker has checked in: a worker that
 * was not given a core in time (another program holds it) finds no piece left and does nothing,
 * instead of holding the caller until it is scheduled. Pieces are taken from one counter that
 * carries the call's number beside the next piece's start, so a worker that wakes during a later
 * call cannot take that call's pieces for the operands of an earlier one.
 *
 * <p>No thread is created after construction and a call allocates one small record (its
 * operands, published to the workers at once), so it can sit inside the training loop. A task
 * carries its own operands (a capturing lambda or an operands record, made by the caller); the
 * pool only hands it over.
 *
 * <p>A thread that would spin (a worker between calls, the caller waiting for the workers' last
 * pieces) first runs units of the {@link Kernels.WaitWork} it was given, if any, one whole unit at
 * a time: the waits of a training step come to about a tenth of its two cores, and the next
 * batch's distortions fit in them.
 */
final class WorkerPool {

    /** Work on the rows {@code [start, end)} as thread number {@code slice} (0 = the caller; for per-thread scratch). */
    interface SliceTask {
        void run(int start, int end, int slice);
    }

    /**
     * How long a thread spins before it parks: a worker after its last piece, waiting for the
     * next call, and the caller waiting for the workers' last pieces. A training step makes a
     * dozen calls tens to hundreds of microseconds apart; waking a parked thread costs tens of
     * microseconds on a virtual machine and parkNanos sleeps at least ~50, which spinning across
     * those gaps avoids. A pool left idle parks after this long, so it costs nothing between runs.
     */
    private static final long SPIN_NANOS = 200_000L;

    /** Pieces per thread: enough to even out a late start, few enough that taking one is cheap. */
    private static final int PIECES_PER_THREAD = 4;

    /** One call: its number, its work (one of task and range, the other null), its size and its caller. */
    private record Call(int number, SliceTask task, Kernels.Range range, int total, int piece, Thread caller) {}

    private final Thread[] workers;
    /** The call in progress, or null between calls (the pool keeps no operand alive then). */
    private volatile Call current;
    /** Calls made so far: the number of the last one (written by the caller alone). */
    private int calls;
    /** The current call's number (high 32 bits) and the start of its next piece (low 32 bits). */
    private final AtomicLong cursor = new AtomicLong();
    /** Elements of the current call not yet done. */
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Throwable failure;
    /** What the threads do while they wait, or null. */
    private volatile Kernels.WaitWork waitWork;

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

    /** Calls made so far (read by the thread that makes them: for profiles and tests). */
    int calls() {
        return calls;
    }

    /** Gives the threads {@code work} to do in their waits from now on; null: none. */
    void fillWaitsWith(Kernels.WaitWork work) {
        waitWork = work;
    }

    /** Runs one unit of the work given for waits, as thread {@code slice}; false if there is none. */
    private boolean waitWorkDone(int slice) {
        Kernels.WaitWork work = waitWork;
        return work != null && work.runOne(slice);
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
        Call call = new Call(++calls, task, range, total, Math.max(1, total / (threads() * PIECES_PER_THREAD)),
                Thread.currentThread());
        failure = null;
        remaining.set(total);
        cursor.set((long) call.number << 32);  // tagged before the call is published: see runPieces
        current = call;
        for (Thread w : workers) LockSupport.unpark(w);
        try {
            runPieces(call, 0);
        } finally {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (remaining.get() > 0) {
                if (waitWorkDone(0)) continue;
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 20_000L);
            }
            current = null;
        }
        Throwable f = failure;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
    }

    /**
     * Takes pieces of {@code call} until none is left. A piece is taken by moving the cursor past
     * it only while the cursor still carries this call's number: once the caller has tagged the
     * cursor for a later call, a thread still holding this one takes nothing.
     */
    private void runPieces(Call call, int slice) {
        while (true) {
            long at = cursor.get();
            int start = (int) at;
            if ((int) (at >>> 32) != call.number || start >= call.total) return;
            int end = Math.min(call.total, start + call.piece);
            if (!cursor.compareAndSet(at, ((long) call.number << 32) | end)) continue;
            try {
                if (call.range != null) call.range.run(start, end);
                else call.task.run(start, end, slice);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (remaining.addAndGet(start - end) == 0 && slice != 0) LockSupport.unpark(call.caller);
            }
        }
    }

    private void loop(int slice) {
        int seen = 0;
        long spinUntil = 0;
        while (true) {
            Call call = current;
            if (call == null || call.number == seen) {
                if (waitWorkDone(slice)) spinUntil = System.nanoTime() + SPIN_NANOS;
                else if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.park(this);
                continue;
            }
            seen = call.number;
            runPieces(call, slice);
            spinUntil = System.nanoTime() + SPIN_NANOS;
        }
    }
}
