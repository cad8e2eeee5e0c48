package org.scratchnet.engine;

import java.util.List;
import org.scratchnet.nn.ConstantInputAware;
import org.scratchnet.nn.Linear;
import org.scratchnet.nn.Parameter;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.SparseRows;

/**
 * A network's first layer, built for its input: the same function as the reference
 * {@code nn.Dense}, Z = X · Wᵀ + b, computed three ways faster.
 * <ul>
 *   <li>It computes no dX: nothing learns from the pixels, so a whole matrix product is saved.
 *   <li>Its input is the data, about 80% zero pixels for MNIST: it lists the nonzeros once per
 *       batch ({@link SparseRows}; once per run for a full batch, see {@link ConstantInputAware})
 *       and both of its products skip the zeros.
 *   <li>It stores its weights transposed, Wᵀ [in, out], and computes
 *       <pre>
 *   forward:   Z   = X · Wᵀ + b      (a sum of rows of Wᵀ over each example's nonzero pixels)
 *   backward:  dWᵀ = Xᵀ · dZ         (row p of dWᵀ: the examples where pixel p is nonzero)
 *              db  = Σ_rows dZ</pre>
 *       Both products read and write whole rows of Wᵀ, so nothing is transposed per step: with
 *       W [out, in] the largest matrix (784 x 512 in W2) would be transposed before every forward
 *       pass and its gradient scattered into columns. {@link #weights()} and
 *       {@link #weightGradient()} give W and dW as [out, in], like every {@link Linear}.
 * </ul>
 */
final class SparseInputDense implements Linear, ConstantInputAware {
    private final int in;
    private final int out;
    private final Kernels kernels;
    /** Wᵀ [in, out] and dWᵀ. */
    private final Parameter Wt;
    private final Parameter b;

    private float[] X;       // the input of the last forward pass, kept for backward
    private float[] Z;       // workspace [n, out]
    // One list of nonzero inputs made per batch, and one kept for an input promised not to
    // change, so that evaluating other data in between does not discard it.
    private final SparseRows batchNonzeros = new SparseRows();
    private final SparseRows constantNonzeros = new SparseRows();
    private SparseRows nonzeros;     // the list the last forward pass used, or null if it was dense
    private float[] constantInput;   // an input promised not to change
    private int listedRows = -1;     // rows of constantInput that constantNonzeros describes, or -1
    private boolean constantIsDense; // listing constantInput gave up: too few zeros
    private FastActivation next;     // the activation computed in the forward product's write-out, or null

    SparseInputDense(int in, int out, Kernels kernels) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("layer 0 needs positive sizes, got " + in + " -> " + out);
        this.in = in;
        this.out = out;
        this.kernels = kernels;
        this.Wt = new Parameter("layers.0.weight.T", in, out);
        this.b = new Parameter("layers.0.bias", out);
    }

    /** Computes {@code g}'s forward pass in the write-out of Z (the sparse product's epilogue), and lets it know. */
    void feeds(FastActivation g) {
        this.next = g;
    }

    @Override
    public float[] forward(float[] X, int n, boolean training) {
        this.X = X;
        Z = Workspace.ensure(Z, n * out);
        nonzeros = listNonzeros(X, n);                                       // Z = X · Wᵀ + b, Wᵀ as stored
        if (nonzeros != null && next != null) {                              // and A = g(Z) in the same call
            kernels.sparseATimesB(nonzeros, Wt.value, b.value, Z, n, in, out, next.forwardEpilogue(n));
            next.forwardDone(Z, n);
        } else if (nonzeros != null) {
            kernels.sparseATimesB(nonzeros, Wt.value, b.value, Z, n, in, out);
        } else {
            kernels.aTimesB(X, Wt.value, b.value, Z, n, in, out);
        }
        return Z;
    }

    @Override
    public float[] backward(float[] dZ, int n) {
        if (nonzeros != null) {                                                // dWᵀ = Xᵀ · dZ, and db = Σ_rows dZ beside it
            kernels.sparseATransposedTimesB(nonzeros, dZ, Wt.grad, in, n, out, b.grad);
        } else {
            kernels.columnSums(dZ, b.grad, n, out);
            kernels.aTransposedTimesB(X, dZ, Wt.grad, in, n, out);
        }
        return null;                                                           // no dX: the pixels do not learn
    }

    /** X's nonzeros (the constant input's are listed once), or null if X is too dense to pay. */
    private SparseRows listNonzeros(float[] X, int n) {
        if (X == constantInput) {
            if (n != listedRows) {
                constantIsDense = !constantNonzeros.index(kernels, X, n, in, SparseRows.DEFAULT_MAX_DENSITY);
                constantNonzeros.expectReuse();
                listedRows = n;
            }
            return constantIsDense ? null : constantNonzeros;
        }
        return batchNonzeros.describe(kernels, X, n, in, SparseRows.DEFAULT_MAX_DENSITY) ? batchNonzeros : null;
    }

    @Override
    public void assumeConstantInput(float[] X) {
        constantInput = X;
        listedRows = -1;
    }

    @Override
    public float[] weights() {
        return transposed(Wt.value, in, out);
    }

    @Override
    public void setWeights(float[] W) {
        if (W.length != out * in) {
            throw new IllegalArgumentException("expected " + out + "x" + in + " weights, got " + W.length + " numbers");
        }
        for (int j = 0; j < out; j++) {
            for (int p = 0; p < in; p++) Wt.value[p * out + j] = W[j * in + p];
        }
    }

    @Override
    public float[] weightGradient() {
        return transposed(Wt.grad, in, out);
    }

    /** M [rows, cols] row-major, transposed into a new [cols, rows]. */
    private static float[] transposed(float[] M, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = M[r * cols + c];
        }
        return t;
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
        return List.of(Wt, b);
    }

    @Override
    public String describe() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
