package org.scratchnet.nn;

import org.scratchnet.SplitMix;

/**
 * Inverted dropout: during training each unit is kept with probability p = 1 - rate and scaled
 * by 1/p, so the expected activation is unchanged and evaluation needs no rescaling.
 *
 * <pre>
 *   A [n, width] -> A·mask [n, width]
 *   forward (training):  M = Bernoulli(p) / p per element,  out = A ⊙ M
 *   forward (eval):      out = A
 *   backward:            dA = dOut ⊙ M      (the very mask of the forward pass)
 * </pre>
 * The mask comes from a seeded generator, so a run is reproducible (and, with the generator's
 * state in a checkpoint, resumable to the bit). {@link #freezeMask} keeps
 * the last mask for later forward passes, which the gradient check needs (the loss must be the
 * same function of the weights on every evaluation).
 */
public final class Dropout implements RandomLayer {
    private final float rate;
    private final int width;
    private final SplitMix random;
    private boolean frozen;
    private boolean lastWasTraining;
    private float[] mask;  // [n, width], values 0 or 1/p
    private float[] out;   // workspace [n, width]
    private float[] dA;    // workspace [n, width]

    public Dropout(float rate, int width, long seed) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.width = width;
        this.random = new SplitMix(seed);
    }

    /** The generator of the masks, whose state a checkpoint saves and restores. */
    @Override
    public SplitMix random() {
        return random;
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
    public float[] forward(float[] A, int n, boolean training) {
        lastWasTraining = training && rate > 0f;
        if (!lastWasTraining) return A;
        int size = n * width;
        if (!frozen || mask == null || mask.length < size) {
            mask = Workspace.ensure(mask, size);
            float keep = 1f - rate;
            float scale = 1f / keep;
            for (int i = 0; i < size; i++) mask[i] = random.nextDouble() < keep ? scale : 0f;
        }
        out = Workspace.ensure(out, size);
        for (int i = 0; i < size; i++) out[i] = A[i] * mask[i];
        return out;
    }

    @Override
    public float[] backward(float[] dOut, int n) {
        if (!lastWasTraining) return dOut;
        int size = n * width;
        dA = Workspace.ensure(dA, size);
        for (int i = 0; i < size; i++) dA[i] = dOut[i] * mask[i];
        return dA;
    }

    /**
     * The mask of the last forward pass, [n, width], each entry 0 or 1/p, or null if that pass had
     * no dropout (evaluation, or rate 0): a read-only view for 'scratchnet explain' (valid until
     * the next forward pass; copy what you keep).
     */
    public float[] mask() {
        return lastWasTraining ? mask : null;
    }

    @Override
    public String describe() {
        return "dropout(" + rate + ")";
    }
}
