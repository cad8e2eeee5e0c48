package org.scratchnet.engine;

import org.scratchnet.nn.Activation;
import org.scratchnet.nn.ActivationLayer;
import org.scratchnet.nn.ActivationStage;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Epilogue;
import org.scratchnet.tensor.Kernels;

/**
 * The reference {@link ActivationLayer}'s loops, A = g(Z) and dZ = dA ⊙ g'(Z), shared among the
 * kernels' threads: sigmoid and tanh cost an exponential per element (a fifth of a full-batch
 * 784-32-32-10 sigmoid step on one thread). Element-wise, so the bits do not depend on the split.
 * ReLU, the common case, has loops of its own that the JIT turns into SIMD code.
 *
 * <p>Fused with its neighbours ({@link FastEngine#connect}): the dense layer before it computes A
 * as the {@link Epilogue} of its forward product ({@link #forwardEpilogue}), and the dense layer
 * after it computes dZ as the epilogue of its input gradient dA = dZ'·W' ({@link #backwardEpilogue}):
 * each pass then costs no parallel call of its own. This layer's {@link #forward} and
 * {@link #backward} still take and return the same arrays; they find the work done (the array
 * they are given is the one the epilogue was computed from) and return A or dZ as it is.
 */
final class FastActivation implements ActivationStage {
    private final Activation g;
    private final int width;
    private final Kernels kernels;
    private float[] A;   // output of the last forward pass [n, width]
    private float[] dZ;  // workspace [n, width]
    // The Z whose A, and the dA whose dZ, a neighbour's epilogue has just computed (null: none), and for how many rows.
    private float[] doneForward;
    private int doneForwardRows;
    private float[] doneBackward;
    private int doneBackwardRows;

    FastActivation(Activation g, int width, Kernels kernels) {
        this.g = g;
        this.width = width;
        this.kernels = kernels;
    }

    @Override
    public float[] forward(float[] Z, int n, boolean training) {
        if (Z == doneForward && n == doneForwardRows) {
            doneForward = null;
            return A;
        }
        float[] A = this.A = Workspace.ensure(this.A, n * width);
        if (g == Activation.RELU) {
            kernels.forEachRange(n * width, (from, to) -> {
                for (int i = from; i < to; i++) A[i] = Math.max(Z[i], 0f);
            });
        } else {
            kernels.forEachRange(n * width, (from, to) -> ActivationLayer.apply(g, Z, A, from, to));
        }
        return A;
    }

    @Override
    public float[] backward(float[] dA, int n) {
        if (dA == doneBackward && n == doneBackwardRows) {
            doneBackward = null;
            return dZ;
        }
        float[] dZ = this.dZ = Workspace.ensure(this.dZ, n * width);
        float[] A = this.A;
        if (g == Activation.RELU) kernels.reluBackward(A, dA, dZ, n * width);
        else kernels.forEachRange(n * width, (from, to) -> ActivationLayer.derivative(g, A, dA, dZ, from, to));
        return dZ;
    }

    /**
     * The forward pass of n rows as the epilogue of the product that writes Z: A = g(Z), written
     * into this layer's A. The producer calls {@link #forwardDone} once the product has run (until
     * then, or if it does not use the epilogue after all, this layer's forward computes A itself).
     */
    Epilogue forwardEpilogue(int n) {
        doneForward = null;
        float[] A = this.A = Workspace.ensure(this.A, n * width);
        if (g == Activation.RELU) return Epilogue.relu(A);
        return (Z, from, to) -> ActivationLayer.apply(g, Z, A, from, to);
    }

    /** A = g(Z) for these n rows is in place: the next {@link #forward} of Z returns it. */
    void forwardDone(float[] Z, int n) {
        doneForward = Z;
        doneForwardRows = n;
    }

    /**
     * The backward pass of n rows as the epilogue of the product that writes dA (the next layer's
     * input gradient): dZ = dA ⊙ g'(Z), g' read from this layer's A. The producer calls
     * {@link #backwardDone} once the product has run.
     */
    Epilogue backwardEpilogue(int n) {
        doneBackward = null;
        float[] dZ = this.dZ = Workspace.ensure(this.dZ, n * width);
        float[] A = this.A;
        if (g == Activation.RELU) return Epilogue.reluGradient(A, dZ);
        return (dA, from, to) -> ActivationLayer.derivative(g, A, dA, dZ, from, to);
    }

    /** dZ for this dA of n rows is in place: the next {@link #backward} of dA returns it. */
    void backwardDone(float[] dA, int n) {
        doneBackward = dA;
        doneBackwardRows = n;
    }

    @Override
    public Activation activation() {
        return g;
    }

    @Override
    public float[] output() {
        return A;
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
    public String describe() {
        return g.id();
    }
}
