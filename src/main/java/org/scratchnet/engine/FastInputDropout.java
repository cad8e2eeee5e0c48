package org.scratchnet.engine;

import org.scratchnet.SplitMix;
import org.scratchnet.nn.InputDropout;
import org.scratchnet.nn.InputMask;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;

/**
 * The reference {@link InputDropout}'s function, out = X ⊙ M with M[e] = 1/p if u(key, e) &lt; p
 * else 0, computed with less work and on every thread of the kernels:
 * <ul>
 *   <li>a zero pixel (about 80% of MNIST's) is copied as it is, without drawing its mask: 0 times
 *       the mask is that same 0, so the result has the reference's bits;</li>
 *   <li>the mask of a nonzero pixel is drawn on its own ({@link SplitMix#doubleAt}: the e-th draw
 *       of the batch's key), so the rows can be shared among threads, in any order, and give the
 *       mask the reference draws pixel after pixel on one thread.</li>
 * </ul>
 * It writes a masked copy of the batch, which the sparse first layer then lists as it lists any
 * batch (a pixel dropped is a nonzero fewer, so its products have less to do). The pass costs
 * 0.15-0.23 ms of CPU per batch of 100 on one thread, 0.5-0.7% of a step of the srivastava2014
 * preset's 3 x 1024 network (docs/results.md).
 */
final class FastInputDropout implements InputMask {
    private final float rate;
    private final int width;
    private final Kernels kernels;
    private final SplitMix keys;
    private boolean frozen;
    private boolean drawn;  // whether key holds a batch's key yet
    private long key;       // the key of the last mask
    private float[] out;    // workspace [n, width]

    FastInputDropout(float rate, int width, long seed, Kernels kernels) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("input dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.width = width;
        this.kernels = kernels;
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
    public float[] forward(float[] X, int n, boolean training) {
        if (!training || rate == 0f) return X;
        if (!frozen || !drawn) {
            key = keys.nextLong();
            drawn = true;
        }
        float[] masked = Workspace.ensure(out, n * width);
        out = masked;
        long batchKey = key;
        float keep = 1f - rate;
        float scale = 1f / keep;
        int w = width;
        kernels.forEachTask(n, (from, to) -> mask(X, masked, from * w, to * w, batchKey, keep, scale));
        return masked;
    }

    /**
     * out[e] = X[e] · M[e] for the elements from..to of the batch, drawing M only where X is not 0.
     * (Measured against this plain loop: drawing every pixel's mask without a branch was slower,
     * skipping runs of eight zero pixels no faster, listing the nonzeros first 10% faster on a pass
     * that is well under 1% of a step: not worth its code.)
     */
    private static void mask(float[] X, float[] out, int from, int to, long key, float keep, float scale) {
        for (int e = from; e < to; e++) {
            float x = X[e];
            out[e] = x == 0f ? x : x * (SplitMix.doubleAt(key, e) < keep ? scale : 0f);
        }
    }

    @Override
    public float[] backward(float[] dOut, int n) {
        return null;  // the input is data: nothing before this layer needs a gradient
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
    public String describe() {
        return "input dropout(" + rate + ")";
    }
}
