package org.scratchnet.nn;

import org.scratchnet.SplitMix;

/**
 * Inverted dropout on the network's input, before the first layer (Srivastava et al. 2014 drop
 * each MNIST pixel with probability 0.2): during training each pixel is kept with probability
 * p = 1 - rate and scaled by 1/p, so the expected input is unchanged and evaluation needs no
 * rescaling.
 *
 * <pre>
 *   X [n, in] -> X·M [n, in]
 *   forward (training):  key = the next draw of this layer's generator (one per batch)
 *                        M[e] = 1/p if u(key, e) &lt; p else 0,   u(key, e) = the e-th draw of SplitMix(key)
 *                        out = X ⊙ M
 *   forward (eval):      out = X
 *   backward:            none: nothing learns from the pixels, so no dX is asked for (returns null)
 * </pre>
 * Unlike the hidden layers' {@link Dropout}, the mask of element e = i·in + j is a function of the
 * batch's key and e alone ({@link SplitMix#doubleAt}), not of the draws before it: the fast
 * engine's twin draws it for the nonzero pixels only (a zero pixel stays zero whatever its mask),
 * on any number of threads, and gets the same mask. The generator of the keys is the run's state
 * a checkpoint saves ({@link Network#dropoutGenerators()}); {@link #freezeMask} keeps the last
 * mask for the gradient check.
 */
public final class InputDropout implements InputMask {
    private final float rate;
    private final int width;
    private final SplitMix keys;
    private final SplitMix draws = new SplitMix(0);  // the draws of one batch, reseeded by its key
    private boolean frozen;
    private boolean lastWasTraining;
    private float[] mask;  // [n, width], values 0 or 1/p
    private float[] out;   // workspace [n, width]

    public InputDropout(float rate, int width, long seed) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("input dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
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
        lastWasTraining = training && rate > 0f;
        if (!lastWasTraining) return X;
        int size = n * width;
        if (!frozen || mask == null || mask.length < size) {
            mask = Workspace.ensure(mask, size);
            float keep = 1f - rate;
            float scale = 1f / keep;
            draws.reseed(keys.nextLong());
            for (int e = 0; e < size; e++) mask[e] = draws.nextDouble() < keep ? scale : 0f;
        }
        out = Workspace.ensure(out, size);
        for (int e = 0; e < size; e++) out[e] = X[e] * mask[e];
        return out;
    }

    @Override
    public float[] backward(float[] dOut, int n) {
        return null;  // the input is data: nothing before this layer needs a gradient
    }

    /**
     * The mask of the last forward pass, [n, width], each entry 0 or 1/p, or null if that pass
     * dropped nothing (evaluation, or rate 0): a read-only view for 'scratchnet explain' (valid
     * until the next forward pass; copy what you keep).
     */
    public float[] mask() {
        return lastWasTraining ? mask : null;
    }

    @Override
    public String describe() {
        return "input dropout(" + rate + ")";
    }
}
