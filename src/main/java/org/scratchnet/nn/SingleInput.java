package org.scratchnet.nn;

import java.util.List;
import org.scratchnet.tensor.Kernels;

/**
 * Inference on one example at a time, for {@link Network#predictOne}: no batch, no allocation,
 * and only the weights that meet a nonzero input are read.
 *
 * <pre>
 *   z[l] = b[l] + Σ_{p : a[l-1]_p ≠ 0} a[l-1]_p · Wᵀ[l][p, :]      a[0] = x,  a[l] = g(z[l]),  p = softmax(z[L])
 * </pre>
 * Each layer's output is a sum of whole rows of Wᵀ ({@link Kernels#vectorTimesMatrix}; the fast
 * kernels split a wide layer's columns between the cores, since reading the weights is what
 * takes the time), and the rows of zero inputs (most pixels, and every ReLU unit that is off)
 * are skipped. Wᵀ is a copy made when the weights change: each {@link Parameter} counts its
 * updates ({@link Parameter#changed}).
 */
final class SingleInput {
    private final List<Dense> layers;
    private final Activation[] activations;
    private final float[][] Wt;       // [in, out] per layer
    private final long[] versions;    // W.version when Wt was made, -1 = never
    private final float[] a;          // the current layer's input
    private final float[] z;          // its output
    private final int[] index;        // the nonzero inputs: where
    private final float[] value;      // and what

    SingleInput(List<Dense> layers, Activation[] activations) {
        this.layers = layers;
        this.activations = activations;
        this.Wt = new float[layers.size()][];
        this.versions = new long[layers.size()];
        java.util.Arrays.fill(versions, -1);
        int widest = 0;
        for (Dense d : layers) widest = Math.max(widest, Math.max(d.inputSize(), d.outputSize()));
        this.a = new float[widest];
        this.z = new float[widest];
        this.index = new int[widest];
        this.value = new float[widest];
    }

    /** The class with the highest probability; the probabilities go to {@code probabilities} if not null. */
    int predict(float[] x, float[] probabilities) {
        int in0 = layers.get(0).inputSize();
        if (x.length < in0) {
            throw new IllegalArgumentException("the network takes " + in0 + " inputs, got an array of " + x.length);
        }
        float[] input = x;
        int L = layers.size();
        Kernels kernels = Kernels.current();
        for (int l = 0; l < L; l++) {
            Dense d = layers.get(l);
            int in = d.inputSize(), out = d.outputSize();
            int count = 0;  // the nonzero inputs, listed
            for (int p = 0; p < in; p++) {
                float ap = input[p];
                if (ap == 0f) continue;
                index[count] = p;
                value[count++] = ap;
            }
            kernels.vectorTimesMatrix(index, value, count, transposed(l, d), d.b.value, z, out);
            if (l + 1 < L) {
                Activation g = activations[l];
                if (g == Activation.RELU) for (int j = 0; j < out; j++) a[j] = Math.max(z[j], 0f);
                else for (int j = 0; j < out; j++) a[j] = g.apply(z[j]);
                input = a;
            }
        }
        return SoftmaxCrossEntropy.softmax(z, 0, layers.get(L - 1).outputSize(), probabilities);
    }

    /** Wᵀ of layer l, transposed again if W changed since. */
    private float[] transposed(int l, Dense d) {
        if (d.storesTransposed()) return d.W.value;  // the first layer keeps Wᵀ itself
        if (versions[l] == d.W.version() && Wt[l] != null) return Wt[l];
        int in = d.inputSize(), out = d.outputSize();
        if (Wt[l] == null) Wt[l] = new float[in * out];
        float[] W = d.W.value, t = Wt[l];
        for (int j = 0; j < out; j++) {
            for (int p = 0; p < in; p++) t[p * out + j] = W[j * in + p];
        }
        versions[l] = d.W.version();
        return t;
    }
}
