package org.scratchnet.nn;

import java.util.List;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.SparseRows;

/**
 * A fully connected layer: Z = X · Wᵀ + b.
 *
 * <pre>
 *   X  [n, in]     input batch, one example per row
 *   W  [out, in]   weights (PyTorch's Linear layout)
 *   b  [out]       biases
 *   Z  [n, out]    output (pre-activation)
 *
 *   forward:   Z  = X · Wᵀ + b
 *   backward:  dW = dZᵀ · X          (the paper's dW = 1/m dZ · Xᵀ; the 1/m is already in dZ)
 *              db = Σ_rows dZ
 *              dX = dZ · W           (passed on to the previous layer)
 * </pre>
 * The first layer of a network does not need dX (nothing learns from the pixels), so the
 * network switches it off with {@link #propagateInputGradient(boolean)} and saves a whole matrix
 * product per step. That layer's input is the data, about 80% zero pixels for MNIST: it lists the
 * nonzeros once per batch ({@link SparseRows}) and both of its products skip the zeros.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    public final Parameter W;
    public final Parameter b;
    private boolean propagateInputGradient = true;

    private float[] X;      // the input of the last forward pass, kept for backward
    // The first layer's lists of nonzero inputs: one made per batch, and one kept for an input
    // promised not to change, so that evaluating other data in between does not discard it.
    private final SparseRows batchNonzeros = new SparseRows();
    private final SparseRows constantNonzeros = new SparseRows();
    private SparseRows nonzeros;    // the list the last forward pass used, or null if it was dense
    private float[] constantInput;  // an input promised not to change
    private int listedRows = -1;    // rows of constantInput that constantNonzeros describes, or -1
    private boolean constantIsDense; // listing constantInput gave up: too few zeros
    private float[] Z;      // workspace [n, out]
    private float[] dX;     // workspace [n, in]

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
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    public void propagateInputGradient(boolean on) {
        this.propagateInputGradient = on;
    }

    @Override
    public float[] forward(float[] X, int n, boolean training) {
        this.X = X;
        Z = Workspace.ensure(Z, n * out);
        nonzeros = propagateInputGradient ? null : listNonzeros(X, n);
        if (nonzeros != null) Kernels.current().sparseMatmulTransB(nonzeros, W.value, b.value, Z, n, in, out);
        else Kernels.current().matmulTransB(X, W.value, b.value, Z, n, in, out);
        return Z;
    }

    /** X's nonzeros (the constant input's are listed once), or null if X is too dense to pay. */
    private SparseRows listNonzeros(float[] X, int n) {
        if (X == constantInput) {
            if (n != listedRows) {
                constantIsDense = !constantNonzeros.index(X, n, in, SparseRows.DEFAULT_MAX_DENSITY);
                listedRows = n;
            }
            return constantIsDense ? null : constantNonzeros;
        }
        return batchNonzeros.index(X, n, in, SparseRows.DEFAULT_MAX_DENSITY) ? batchNonzeros : null;
    }

    /**
     * Promises that {@code X} will not change while it is passed to {@link #forward} (as with
     * full-batch training on a whole dataset), so the list of its nonzeros is made once; null
     * withdraws the promise.
     */
    public void assumeConstantInput(float[] X) {
        constantInput = X;
        listedRows = -1;
    }

    @Override
    public float[] backward(float[] dZ, int n) {
        if (nonzeros != null) Kernels.current().sparseMatmulTransA(dZ, nonzeros, W.grad, n, out, in);
        else Kernels.current().matmulTransA(dZ, X, W.grad, n, out, in);
        Kernels.current().columnSums(dZ, b.grad, n, out);  // db = Σ_rows dZ
        if (!propagateInputGradient) return null;
        dX = Workspace.ensure(dX, n * in);
        Kernels.current().matmul(dZ, W.value, dX, n, out, in);
        return dX;
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
