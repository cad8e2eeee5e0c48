package org.scratchnet.nn;

import org.scratchnet.SplitMix;

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

    public GaussianNoise(float sigma, int width, long seed) {
        if (!(sigma >= 0f && Float.isFinite(sigma))) {
            throw new IllegalArgumentException("noise must be a finite standard deviation >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.width = width;
        this.keys = new SplitMix(seed);
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
        for (int e = 0; e < size; e++) out[e] = X[e] + sigma * SplitMix.normalAt(key, e);
        return out;
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
