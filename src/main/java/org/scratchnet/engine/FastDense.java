package org.scratchnet.engine;

import java.util.List;
import org.scratchnet.nn.Linear;
import org.scratchnet.nn.Parameter;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;

/**
 * A hidden or output dense layer on the kernels: the reference {@code nn.Dense}'s three products,
 * each one kernel call.
 *
 * <pre>
 *   X [n, in],  W [out, in],  b [out]  ->  Z [n, out]
 *   forward:   Z  = X · Wᵀ + b      aTimesBTransposed
 *   backward:  dW = dZᵀ · X         aTransposedTimesB, in the same call as
 *              db = Σ_rows dZ       the column sums of dZ
 *              dX = dZ · W          aTimesB
 * </pre>
 * Fused with the activations beside it ({@link FastEngine#connect}): the activation after it is
 * computed in the write-out of Z (A = g(Z), the forward product's epilogue), and the derivative
 * of the activation before it in the write-out of dX (dZ' = dX ⊙ g'(X), X being that
 * activation's A): a W2 step's ReLUs then cost no parallel call. Z and dX are written all the
 * same, so the layer gives what it gives alone.
 */
final class FastDense implements Linear {
    private final int in;
    private final int out;
    private final Kernels kernels;
    private final Parameter W;
    private final Parameter b;
    private float[] X;   // the input of the last forward pass, kept for backward
    private float[] Z;   // workspace [n, out]
    private float[] dX;  // workspace [n, in]
    private FastActivation next;      // the activation computed in the forward product's write-out, or null
    private FastActivation previous;  // the activation whose derivative the input gradient's write-out applies, or null

    FastDense(int in, int out, int index, Kernels kernels) {
        this.in = in;
        this.out = out;
        this.kernels = kernels;
        this.W = new Parameter("layers." + index + ".weight", out, in);
        this.b = new Parameter("layers." + index + ".bias", out);
    }

    /** Computes {@code g}'s forward pass in the write-out of Z, and lets it know. */
    void feeds(FastActivation g) {
        this.next = g;
    }

    /** Applies {@code g}'s derivative in the write-out of dX ({@code g}'s output is this layer's input). */
    void readsFrom(FastActivation g) {
        this.previous = g;
    }

    @Override
    public float[] forward(float[] X, int n, boolean training) {
        this.X = X;
        Z = Workspace.ensure(Z, n * out);
        if (next == null) {
            kernels.aTimesBTransposed(X, W.value, b.value, Z, n, in, out);
        } else {
            kernels.aTimesBTransposed(X, W.value, b.value, Z, n, in, out, next.forwardEpilogue(n));
            next.forwardDone(Z, n);
        }
        return Z;
    }

    @Override
    public float[] backward(float[] dZ, int n) {
        kernels.aTransposedTimesB(dZ, X, W.grad, out, n, in, b.grad);  // dW, and db beside it
        dX = Workspace.ensure(dX, n * in);
        if (previous != null && X == previous.output()) {
            kernels.aTimesB(dZ, W.value, dX, n, out, in, previous.backwardEpilogue(n));
            previous.backwardDone(dX, n);
        } else {
            kernels.aTimesB(dZ, W.value, dX, n, out, in);
        }
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
