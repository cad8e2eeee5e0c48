package org.scratchnet.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How requests reach the server's workers: at most {@code threads} are worked on at once and at
 * most {@code waiting} more wait for a worker. A request beyond those is handed to a thread of
 * its own that only reads its request line and headers and answers 503 with {@code Retry-After}
 * ({@link #answersBusy}); when even that thread is behind by {@link #BUSY_ANSWERS_WAITING}, the
 * connection is closed unanswered (the JDK's server closes it when its executor refuses).
 *
 * <p>Why: with an unbounded queue a flood of requests was worked through to the last one, each
 * answered later than the one before and holding its connection all the while; a client is better
 * told at once that the server is busy, and the requests already waiting are answered in time.
 */
final class Admission {
    /** Busy answers that may wait for the thread that gives them; beyond them, connections are closed. */
    static final int BUSY_ANSWERS_WAITING = 1024;

    /** The thread that gives the busy answers: {@link WebServer} asks for the thread, not for a flag. */
    private static final class BusyThread extends Thread {
        BusyThread(Runnable r) {
            super(r, "scratchnet-http-busy");
            setDaemon(true);
        }
    }

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor busy;

    /** {@code threads} workers, {@code waiting} requests queued for them at most. */
    Admission(int threads, int waiting) {
        if (threads < 1 || waiting < 0) throw new IllegalArgumentException("threads " + threads + ", waiting " + waiting);
        busy = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BUSY_ANSWERS_WAITING),
                BusyThread::new);  // full: the default policy throws, and the JDK's server closes the connection
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                waiting == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(waiting),
                r -> {
                    Thread t = new Thread(r, "scratchnet-http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (request, pool) -> busy.execute(request));
    }

    /** {@code threads} workers and {@link WebServer#WAITING_PER_THREAD} waiting requests for each. */
    static Admission forThreads(int threads) {
        return new Admission(threads, threads * WebServer.WAITING_PER_THREAD);
    }

    /** The executor to give the JDK's server. */
    Executor executor() {
        return workers;
    }

    /** True on the thread that answers the requests beyond the queue: it answers 503, nothing else. */
    static boolean answersBusy() {
        return Thread.currentThread() instanceof BusyThread;
    }

    /** Requests waiting for a worker now. */
    int waiting() {
        return workers.getQueue().size();
    }

    /** The busy answer, naming how many requests wait and for how many workers. */
    Response busyAnswer() {
        int waiting = waiting(), threads = workers.getMaximumPoolSize();
        return Response.error(503, "the server is busy: " + waiting + (waiting == 1 ? " request is" : " requests are") + " waiting for its "
                + threads + " worker" + (threads == 1 ? "" : "s") + "; try again in a moment").withHeader("Retry-After", "1");
    }

    /** Stops both pools; requests still waiting are dropped (their connections close with the server). */
    void shutdownNow() {
        workers.shutdownNow();
        busy.shutdownNow();
    }
}
