package org.scratchnet.engine;

import org.scratchnet.SplitMix;
import org.scratchnet.nn.Dropout;
import org.scratchnet.nn.RandomLayer;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;

/**
 * The reference {@link Dropout}'s function, on every thread of the kernels:
 * <pre>
 *   A [n, width] -> A ⊙ M,   M[i] = 1/p if u_i &lt; p else 0   (training; p = 1 - rate)
 *   backward: dA = dOut ⊙ M
 * </pre>
 * where u_0, u_1, ... are the generator's next n·width draws, element by element in row-major
 * order, as the reference draws them on one thread. Draw i is computed on its own
 * ({@link SplitMix#skip}: the state after i draws is the start plus i·γ), so the rows can be
 * shared among threads in any order and still give the reference's mask to the bit, and the
 * generator ends where the reference's does (a checkpoint saves the same state). On one thread
 * the reference's loop drew the mask of the default recipe's two hidden layers (128 x 384 draws a
 * step) while the other thread waited: about a tenth of a step.
 */
final class FastDropout implements RandomLayer {
    private final float rate;
    private final int width;
    private final SplitMix random;
    private final Kernels kernels;
    private boolean frozen;
    private boolean lastWasTraining;
    private float[] mask;  // [n, width], values 0 or 1/p
    private float[] out;   // workspace [n, width]
    private float[] dA;    // workspace [n, width]

    FastDropout(float rate, int width, long seed, Kernels kernels) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.width = width;
        this.random = new SplitMix(seed);
        this.kernels = kernels;
    }

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
        out = Workspace.ensure(out, size);
        float[] o = out;
        if (!frozen || mask == null || mask.length < size) {
            mask = Workspace.ensure(mask, size);
            float[] m = mask;
            float keep = 1f - rate;
            float scale = 1f / keep;
            long start = random.skip(size);
            long gamma = random.gamma();
            kernels.forEachTask(n, (r0, r1) -> {
                for (int i = r0 * width; i < r1 * width; i++) {
                    m[i] = SplitMix.doubleAt(start, gamma, i) < keep ? scale : 0f;
                    o[i] = A[i] * m[i];
                }
            });
        } else {
            float[] m = mask;
            kernels.forEachTask(n, (r0, r1) -> {
                for (int i = r0 * width; i < r1 * width; i++) o[i] = A[i] * m[i];
            });
        }
        return out;
    }

    @Override
    public float[] backward(float[] dOut, int n) {
        if (!lastWasTraining) return dOut;
        int size = n * width;
        dA = Workspace.ensure(dA, size);
        float[] d = dA;
        float[] m = mask;
        kernels.forEachTask(n, (r0, r1) -> {
            for (int i = r0 * width; i < r1 * width; i++) d[i] = dOut[i] * m[i];
        });
        return dA;
    }

    @Override
    public String describe() {
        return "dropout(" + rate + ")";
    }
}
