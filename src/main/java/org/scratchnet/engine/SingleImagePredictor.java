package org.scratchnet.engine;

import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.SoftmaxCrossEntropy;
import org.scratchnet.tensor.Kernels;

/**
 * Inference on one example at a time, for low latency: no batch, no allocation, and only the
 * weights that meet a nonzero input are read.
 *
 * <pre>
 *   z[l] = b[l] + Σ_{p : a[l-1]_p ≠ 0} a[l-1]_p · Wᵀ[l][p, :]      a[0] = x,  a[l] = g(z[l]),  p = softmax(z[L])
 * </pre>
 * Each layer's output is a sum of whole rows of Wᵀ ({@link Kernels#vectorTimesMatrix}; the fast
 * kernels split a wide layer's columns between the cores, since reading the weights is what
 * takes the time), and the rows of zero inputs (most pixels, and every ReLU unit that is off)
 * are skipped. It is a snapshot: {@link #of} copies the network's weights as Wᵀ, so later
 * training does not reach it (take a new one). Not for concurrent use.
 */
public final class SingleImagePredictor {
    private final Kernels kernels;
    private final int[] in;           // inputs per layer
    private final int[] out;          // outputs per layer
    private final float[][] Wt;       // Wᵀ [in, out] per layer
    private final float[][] b;        // b [out] per layer
    private final Activation[] activations;
    private final float[] a;          // the current layer's input
    private final float[] z;          // its output
    private final int[] index;        // the nonzero inputs: where
    private final float[] value;      // and what

    private SingleImagePredictor(Network net, Kernels kernels) {
        this.kernels = kernels;
        int L = net.depth();
        int[] sizes = net.architecture().sizes();
        this.in = new int[L];
        this.out = new int[L];
        this.Wt = new float[L][];
        this.b = new float[L][];
        this.activations = net.architecture().activations();
        int widest = 0;
        for (int l = 0; l < L; l++) {
            in[l] = sizes[l];
            out[l] = sizes[l + 1];
            Wt[l] = transposed(net.weights(l), out[l], in[l]);
            b[l] = net.bias(l);
            widest = Math.max(widest, Math.max(in[l], out[l]));
        }
        this.a = new float[widest];
        this.z = new float[widest];
        this.index = new int[widest];
        this.value = new float[widest];
    }

    /** A predictor holding a copy of {@code net}'s weights as they are now, on the network's own kernels. */
    public static SingleImagePredictor of(Network net) {
        return new SingleImagePredictor(net, net.engine().kernels());
    }

    /** The class with the highest probability; the probabilities go to {@code probabilities} [classes] if not null. */
    public int predict(float[] x, float[] probabilities) {
        if (x.length < in[0]) {
            throw new IllegalArgumentException("the network takes " + in[0] + " inputs, got an array of " + x.length);
        }
        float[] input = x;
        int L = Wt.length;
        for (int l = 0; l < L; l++) {
            int count = 0;  // the nonzero inputs, listed
            for (int p = 0; p < in[l]; p++) {
                float ap = input[p];
                if (ap == 0f) continue;
                index[count] = p;
                value[count++] = ap;
            }
            kernels.vectorTimesMatrix(index, value, count, Wt[l], b[l], z, out[l]);
            if (l + 1 < L) {
                Activation g = activations[l];
                if (g == Activation.RELU) for (int j = 0; j < out[l]; j++) a[j] = Math.max(z[j], 0f);
                else for (int j = 0; j < out[l]; j++) a[j] = g.apply(z[j]);
                input = a;
            }
        }
        return SoftmaxCrossEntropy.softmax(z, 0, out[L - 1], probabilities);
    }

    /** W [rows, cols] transposed into a new [cols, rows]. */
    private static float[] transposed(float[] W, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = W[r * cols + c];
        }
        return t;
    }
}
