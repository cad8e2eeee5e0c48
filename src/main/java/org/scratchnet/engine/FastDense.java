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
 *   backward:  dW = dZᵀ · X         aTransposedTimesB
 *              db = Σ_rows dZ       columnSums
 *              dX = dZ · W          aTimesB
 * </pre>
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

    FastDense(int in, int out, int index, Kernels kernels) {
        this.in = in;
        this.out = out;
        this.kernels = kernels;
        this.W = new Parameter("layers." + index + ".weight", out, in);
        this.b = new Parameter("layers." + index + ".bias", out);
    }

    @Override
    public float[] forward(float[] X, int n, boolean training) {
        this.X = X;
        Z = Workspace.ensure(Z, n * out);
        kernels.aTimesBTransposed(X, W.value, b.value, Z, n, in, out);
        return Z;
    }

    @Override
    public float[] backward(float[] dZ, int n) {
        kernels.columnSums(dZ, b.grad, n, out);
        kernels.aTransposedTimesB(dZ, X, W.grad, out, n, in);
        dX = Workspace.ensure(dX, n * in);
        kernels.aTimesB(dZ, W.value, dX, n, out, in);
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
