package org.scratchnet.bench;

import org.scratchnet.data.Dataset;
import org.scratchnet.engine.FastEngine;

/** W1, the paper's baseline: full-batch gradient descent on 60,000 images. See {@link Workloads}. */
public final class W1Benchmark {

    /**
     * @param trainAccuracy accuracy on the training set measured during the last iteration (before its update)
     * @param gflops        dense-equivalent GFLOP/s ({@link Workloads#trainingFlopsPerExample}: the zero pixels
     *                      and the first layer's input gradient that the fast path skips still count)
     */
    public record Result(int iterations, double secondsTotal, double secondsPerIteration, double trainAccuracy,
                         double gflops) {}

    /**
     * Untimed iterations first. The peers need three (to load their BLAS); a JIT needs more. W1
     * calls some code once per iteration with a 60,000-long loop (the 4-row edge tile of the
     * 10 x 10 weight gradient), and C2 compiled it only after 4-5 s of a run: with 3 warm-up
     * iterations the first seconds of the timed run went through the Vector API's slow
     * uncompiled path (12% of a profiled run). A tenth of the run, at least 3 and at most 50
     * (the real run's 500 get 50; a smoke run's 20 get 3).
     */
    static int warmupIterations(int iterations) {
        return Math.min(50, Math.max(3, iterations / 10));
    }

    private W1Benchmark() {}

    public static Result run(FastEngine engine, Dataset train, int iterations, Progress progress) {
        // A few untimed iterations on a copy let the JIT compile the path first; the timed run starts
        // from the seeded weights, so its accuracy is the paper's 500-iteration figure.
        W1Step warm = new W1Step(engine, train);
        for (int i = 0, warmup = warmupIterations(iterations); i < warmup; i++) warm.run();
        W1Step timed = new W1Step(engine, train);
        progress.start("W1", iterations);
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            timed.run();
            progress.step(i + 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.done();
        double gflops = Workloads.trainingFlopsPerExample(timed.network()) * train.size * iterations / seconds / 1e9;
        return new Result(iterations, seconds, seconds / iterations, timed.lastAccuracy(), gflops);
    }
}
