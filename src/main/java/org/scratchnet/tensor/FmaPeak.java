package org.scratchnet.tensor;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;

/**
 * This CPU's float32 peak, measured rather than stated: {@link FmaKernel}'s independent FMA
 * chains run on {@code threads} threads at once (so the clock the cores hold together is the one
 * measured), the best of several short trials (a busy machine only ever makes a trial slower).
 * A cycles-per-FLOP figure times a nominal clock cannot be trusted: under a hypervisor Java sees
 * neither the real clock nor whether AVX-512 runs on full-width units (Zen 5: 64 FLOP per cycle)
 * or double-pumped ones (Zen 4: 32).
 *
 * <p>Needs the Vector API module; without it {@link #measure} gives nothing and the caller says
 * so (a scalar loop would measure an eighth or a sixteenth of what the SIMD kernels reach).
 *
 * @param gflops       all threads together, in GFLOP/s (an FMA counts 2 FLOPs per lane)
 * @param threads      the threads that ran at once
 * @param vectorBits   width of the preferred species, the vectors the kernels use
 * @param chains       independent FMA chains per thread
 * @param trials       trials run; the best one counts
 * @param trialSeconds length of the best trial
 */
public record FmaPeak(double gflops, int threads, int vectorBits, int chains, int trials, double trialSeconds) {

    /** FMAs per chain in one trial: about 6 ms per trial at 3.3 GHz on two pipes. */
    static final int DEFAULT_ITERATIONS = 3_000_000;
    /** Trials; the fastest counts (on a shared machine, the one that ran while the other programs waited). */
    static final int DEFAULT_TRIALS = 11;

    /** GFLOP/s of one thread's share. */
    public double gflopsPerThread() {
        return gflops / threads;
    }

    /** E.g. "measured: 2 threads x 12 chains of 512-bit FMAs, best of 7 trials of 10 ms". */
    public String explain() {
        return String.format(java.util.Locale.ROOT, "measured: %d thread%s x %d chains of %d-bit FMAs at once, best of %d trials of %.0f ms",
                threads, threads == 1 ? "" : "s", chains, vectorBits, trials, trialSeconds * 1e3);
    }

    /** The peak of {@code threads} threads running at once, or empty without the Vector API module. */
    public static Optional<FmaPeak> measure(int threads) {
        return measure(threads, DEFAULT_ITERATIONS, DEFAULT_TRIALS);
    }

    /** {@link #measure(int)} with the trial length and count given (tests use short ones). */
    static Optional<FmaPeak> measure(int threads, int iterations, int trials) {
        if (threads < 1 || iterations < 1 || trials < 1) {
            throw new IllegalArgumentException("threads, iterations and trials must be positive, got "
                    + threads + ", " + iterations + ", " + trials);
        }
        if (!VectorSupport.available()) return Optional.empty();
        Method run;
        int lanes, chains;
        try {
            Class<?> kernel = Class.forName("org.scratchnet.tensor.FmaKernel");
            run = kernel.getDeclaredMethod("run", int.class);
            Method lanesOf = kernel.getDeclaredMethod("lanes");
            lanes = (int) lanesOf.invoke(null);
            chains = kernel.getDeclaredField("CHAINS").getInt(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
        // A first short run lets the JIT compile the loop before anything is timed.
        for (int i = 0; i < 3; i++) invoke(run, Math.max(1, iterations / 8));
        double best = Double.MAX_VALUE;
        for (int t = 0; t < trials; t++) best = Math.min(best, trial(run, threads, iterations));
        double flops = 2.0 * lanes * chains * (double) iterations * threads;
        return Optional.of(new FmaPeak(flops / best / 1e9, threads, 32 * lanes, chains, trials, best));
    }

    /** Seconds from the common start until the last of {@code threads} threads has run its loop. */
    private static double trial(Method run, int threads, int iterations) {
        CyclicBarrier start = new CyclicBarrier(threads);
        Thread[] others = new Thread[threads - 1];
        for (int i = 0; i < others.length; i++) {
            others[i] = new Thread(() -> {
                await(start);
                invoke(run, iterations);
            }, "scratchnet-fma-peak-" + (i + 1));
            others[i].setDaemon(true);
            others[i].start();
        }
        await(start);
        long t0 = System.nanoTime();
        invoke(run, iterations);
        for (Thread other : others) {
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the FMA peak", e);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("the FMA peak's threads did not start together", e);
        }
    }

    private static void invoke(Method run, int iterations) {
        try {
            if (Float.isNaN((float) run.invoke(null, iterations))) throw new IllegalStateException("the FMA chains diverged");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot run the FMA kernel", e);
        }
    }
}
