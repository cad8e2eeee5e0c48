package org.scratchnet.nn;

import java.util.List;

/**
 * A fully connected layer, the reference: the paper's equations as plain loops.
 *
 * <pre>
 *   X  [n, in]     input batch, one example per row (A[l-1]; the pixels for l = 1)
 *   W  [out, in]   weights (PyTorch's Linear layout)
 *   b  [out]       biases
 *   Z  [n, out]    output (pre-activation)
 *
 *   forward:   Z  = X · Wᵀ + b       Z_ij  = b_j + Σ_p X_ip W_jp
 *   backward:  dW = dZᵀ · X          dW_jp = Σ_i dZ_ij X_ip     (the paper's dW = 1/m dZ · Xᵀ: the 1/m is already in dZ)
 *              db = Σ_rows dZ        db_j  = Σ_i dZ_ij
 *              dX = dZ · W           dX_ip = Σ_j dZ_ij W_jp     (passed on to the previous layer as dA[l-1])
 * </pre>
 * Each sum runs in index order, in float, on one thread: slow, and the numbers every faster
 * layer is tested against ({@code org.scratchnet.engine}).
 */
public final class Dense implements Linear {
    private final int in;
    private final int out;
    /** W [out, in] and dW. */
    public final Parameter W;
    /** b [out] and db. */
    public final Parameter b;
    private float[] X;   // the input of the last forward pass, kept for backward
    private float[] Z;   // workspace [n, out]
    private float[] dX;  // workspace [n, in]
    private float[] dZ;  // the gradient handed to the last backward pass, kept only to be read (not a copy)

    /** Layer {@code index} of a network (its parameters are named layers.index.weight and .bias). */
    public Dense(int in, int out, int index) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("layer " + index + " needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.W = new Parameter("layers." + index + ".weight", out, in);
        this.b = new Parameter("layers." + index + ".bias", out);
    }

    @Override
    public float[] forward(float[] X, int n, boolean training) {
        this.X = X;
        Z = Workspace.ensure(Z, n * out);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                float z = b.value[j];
                for (int p = 0; p < in; p++) z += X[i * in + p] * W.value[j * in + p];
                Z[i * out + j] = z;
            }
        }
        return Z;
    }

    @Override
    public float[] backward(float[] dZ, int n) {
        this.dZ = dZ;
        for (int j = 0; j < out; j++) {
            for (int p = 0; p < in; p++) {
                float dw = 0f;
                for (int i = 0; i < n; i++) dw += dZ[i * out + j] * X[i * in + p];
                W.grad[j * in + p] = dw;
            }
            float db = 0f;
            for (int i = 0; i < n; i++) db += dZ[i * out + j];
            b.grad[j] = db;
        }
        dX = Workspace.ensure(dX, n * in);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < in; p++) {
                float dx = 0f;
                for (int j = 0; j < out; j++) dx += dZ[i * out + j] * W.value[j * in + p];
                dX[i * in + p] = dx;
            }
        }
        return dX;
    }

    // Read-only views of the last pass, for 'scratchnet explain' (org.scratchnet.explain), which
    // prints one training step with the numbers these loops computed. Each is the array the layer
    // used, valid until its next call: read it, copy what you keep, never write to it.

    /** A[l-1] of the last forward pass, [n, in]: the input this layer read. */
    public float[] input() {
        return X;
    }

    /** Z of the last forward pass, [n, out]. */
    public float[] output() {
        return Z;
    }

    /** dZ handed to the last backward pass, [n, out] (the network's, which holds the 1/n: (A - Y)/n at the output). */
    public float[] outputGradient() {
        return dZ;
    }

    /** dX of the last backward pass, [n, in]: dA[l-1], passed on to the previous layer. */
    public float[] inputGradient() {
        return dX;
    }

    @Override
    public float[] weights() {
        return W.value.clone();
    }

    @Override
    public void setWeights(float[] m) {
        if (m.length != out * in) {
            throw new IllegalArgumentException("expected " + out + "x" + in + " weights, got " + m.length + " numbers");
        }
        System.arraycopy(m, 0, W.value, 0, m.length);
    }

    @Override
    public float[] weightGradient() {
        return W.grad.clone();
    }

    @Override
    public Parameter bias() {
        return b;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(W, b);
    }

    @Override
    public String describe() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
