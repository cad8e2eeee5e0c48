package org.scratchnet.nn;

import org.scratchnet.SplitMix;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

/**
 * Additive Gaussian noise, in training only: each value gets an independent draw of N(0, σ²)
 * added (Rasmus et al. 2015 corrupt the input pixels and every layer this way, σ = 0.3; here on
 * the input pixels, and on a layer's pre-activation Z when it has no {@link BatchNorm}, which adds
 * its own noise after normalising).
 *
 * <pre>
 *   X [n, width] -> X + σ·E [n, width]
 *   forward (training):  key = the next draw of this layer's generator (one per batch)
 *                        E[e] = SplitMix.normalAt(key, e),   out = X + σ·E
 *   forward (eval):      out = X
 *   backward:            dX = dOut      (the noise does not depend on X)
 * </pre>
 * As with {@link InputDropout}, element e's draw is a function of the batch's key and e alone, so
 * any thread can draw any element's and get the same numbers. {@link #freezeMask} keeps the last
 * draw for the gradient check.
 */
public final class GaussianNoise implements RandomLayer {
    private final float sigma;
    private final int width;
    private final SplitMix keys;
    private boolean frozen;
    private long key;
    private boolean drawn;
    private float[] out;  // workspace [n, width]
    private final Kernels threads;

    /** Noise of standard deviation {@code sigma} on {@code width} values, its draws keyed from {@code seed}, on one thread. */
    public GaussianNoise(float sigma, int width, long seed) {
        this(sigma, width, seed, new ReferenceKernels());
    }

    /** The same, the values shared out among the threads of {@code threads}: the same numbers. */
    public GaussianNoise(float sigma, int width, long seed, Kernels threads) {
        if (!(sigma >= 0f && Float.isFinite(sigma))) {
            throw new IllegalArgumentException("noise must be a finite standard deviation >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.width = width;
        this.keys = new SplitMix(seed);
        this.threads = threads;
    }

    @Override
    public SplitMix random() {
        return keys;
    }

    @Override
    public void freezeMask(boolean frozen) {
        this.frozen = frozen;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public float[] forward(float[] X, int n, boolean training) {
        if (!training || sigma == 0f) return X;
        if (!frozen || !drawn) {
            key = keys.nextLong();
            drawn = true;
        }
        int size = n * width;
        out = Workspace.ensure(out, size);
        add(X, out, key, sigma, size, threads);
        return out;
    }

    /**
     * out[e] = X[e] + σ·{@link SplitMix#normalAt}(key, e) for e in [0, size), the pairs of elements
     * shared out among the threads of {@code threads}. Each pair's two numbers come from one draw
     * (its cosine and sine), made once here; the numbers are normalAt's to the bit, on any count.
     */
    static void add(float[] X, float[] out, long key, float sigma, int size, Kernels threads) {
        threads.forEachTask((size + 1) / 2, (from, to) -> addPairs(X, out, key, sigma, from, to, size));
    }

    /** The pairs [from, to): elements 2k and 2k + 1 (the last pair of an odd size has one). */
    private static void addPairs(float[] X, float[] out, long key, float sigma, int from, int to, int size) {
        for (int k = from; k < to; k++) {
            long bits = SplitMix.pairBits(key, k);
            double radius = SplitMix.normalRadius(bits), angle = SplitMix.normalAngle(bits);
            int e = 2 * k;
            out[e] = X[e] + sigma * (float) (radius * Math.cos(angle));
            if (e + 1 < size) out[e + 1] = X[e + 1] + sigma * (float) (radius * Math.sin(angle));
        }
    }

    @Override
    public float[] backward(float[] dOut, int n) {
        return dOut;
    }

    @Override
    public String describe() {
        return "noise(" + sigma + ")";
    }
}
