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
 * A network's first layer ({@link #firstLayer}) differs in three ways, all for speed:
 * <ul>
 *   <li>it computes no dX (nothing learns from the pixels): a whole matrix product saved;
 *   <li>its input is the data, about 80% zero pixels for MNIST: it lists the nonzeros once per
 *       batch ({@link SparseRows}) and both of its products skip the zeros;
 *   <li>it stores its weights transposed, {@code W.value} = Wᵀ [in, out], and computes
 *       <pre>
 *   forward:   Z   = X · Wᵀ + b      (Wᵀ as stored: a sum of its rows over each example's nonzero pixels)
 *   backward:  dWᵀ = Xᵀ · dZ         (row p of dWᵀ: the examples where pixel p is nonzero)
 *              db  = Σ_rows dZ</pre>
 *       Both products read and write whole rows of Wᵀ, so nothing is transposed per step: with
 *       W [out, in] the largest matrix (784 x 512 in W2) was transposed before every forward pass
 *       and its gradient scattered into columns. The numbers are the same, only where they sit
 *       differs; {@link #weightMatrix()} gives W [out, in] to whoever reads it (model files,
 *       weight images).
 * </ul>
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    /** W [out, in], or Wᵀ [in, out] in a first layer (see {@link #storesTransposed()}). */
    public final Parameter W;
    public final Parameter b;
    private final boolean first;  // a first layer: Wᵀ stored, input listed if sparse, no dX

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

    /** A hidden or output layer: W [out, in], passes dX back. */
    public Dense(int in, int out, int index) {
        this(in, out, index, false);
    }

    /** A network's first layer: reads the data, stores Wᵀ [in, out], computes no dX. */
    public static Dense firstLayer(int in, int out) {
        return new Dense(in, out, 0, true);
    }

    private Dense(int in, int out, int index, boolean first) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("layer " + index + " needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.first = first;
        String name = "layers." + index + ".weight";
        this.W = first ? new Parameter(name, in, out) : new Parameter(name, out, in);
        this.b = new Parameter("layers." + index + ".bias", out);
    }

    /** Whether {@code W.value} holds Wᵀ [in, out] (a first layer) rather than W [out, in]. */
    public boolean storesTransposed() {
        return first;
    }

    /** W as [out, in] row-major: the parameter itself, or a transposed copy of a first layer's Wᵀ. */
    public float[] weightMatrix() {
        if (!first) return W.value;
        float[] m = new float[out * in];
        for (int p = 0; p < in; p++) {
            for (int j = 0; j < out; j++) m[j * in + p] = W.value[p * out + j];
        }
        return m;
    }

    /** Sets the weights from W [out, in] row-major (a first layer stores them transposed). */
    public void setWeightMatrix(float[] m) {
        if (m.length != out * in) {
            throw new IllegalArgumentException("expected " + out + "x" + in + " weights, got " + m.length + " numbers");
        }
        if (!first) {
            System.arraycopy(m, 0, W.value, 0, m.length);
        } else {
            for (int j = 0; j < out; j++) {
                for (int p = 0; p < in; p++) W.value[p * out + j] = m[j * in + p];
            }
        }
        W.changed();
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
    public float[] forward(float[] X, int n, boolean training) {
        this.X = X;
        Z = Workspace.ensure(Z, n * out);
        Kernels kernels = Kernels.current();
        if (!first) {
            kernels.aTimesBTransposed(X, W.value, b.value, Z, n, in, out);       // Z = X · Wᵀ + b
            return Z;
        }
        nonzeros = listNonzeros(kernels, X, n);                                      // Z = X · Wᵀ + b, Wᵀ as stored
        if (nonzeros != null) kernels.sparseATimesB(nonzeros, W.value, b.value, Z, n, in, out);
        else kernels.aTimesB(X, W.value, b.value, Z, n, in, out);
        return Z;
    }

    /** X's nonzeros (the constant input's are listed once), or null if X is too dense to pay. */
    private SparseRows listNonzeros(Kernels kernels, float[] X, int n) {
        if (X == constantInput) {
            if (n != listedRows) {
                constantIsDense = !constantNonzeros.index(kernels, X, n, in, SparseRows.DEFAULT_MAX_DENSITY);
                constantNonzeros.expectReuse();
                listedRows = n;
            }
            return constantIsDense ? null : constantNonzeros;
        }
        return batchNonzeros.index(kernels, X, n, in, SparseRows.DEFAULT_MAX_DENSITY) ? batchNonzeros : null;
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
        Kernels kernels = Kernels.current();
        kernels.columnSums(dZ, b.grad, n, out);                   // db = Σ_rows dZ
        if (first) {                                              // dWᵀ = Xᵀ · dZ; no dX
            if (nonzeros != null) kernels.sparseATransposedTimesB(nonzeros, dZ, W.grad, in, n, out);
            else kernels.aTransposedTimesB(X, dZ, W.grad, in, n, out);
            return null;
        }
        kernels.aTransposedTimesB(dZ, X, W.grad, out, n, in);          // dW = dZᵀ · X
        dX = Workspace.ensure(dX, n * in);
        kernels.aTimesB(dZ, W.value, dX, n, out, in);              // dX = dZ · W
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
