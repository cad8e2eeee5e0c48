package org.scratchnet.engine;

import org.scratchnet.nn.Activation;
import org.scratchnet.nn.ActivationLayer;
import org.scratchnet.nn.ActivationStage;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;

/**
 * The reference {@link ActivationLayer}'s loops, A = g(Z) and dZ = dA ⊙ g'(Z), shared among the
 * kernels' threads: sigmoid and tanh cost an exponential per element (a fifth of a full-batch
 * 784-32-32-10 sigmoid step on one thread). Element-wise, so the bits do not depend on the split.
 * ReLU, the common case, has loops of its own that the JIT turns into SIMD code.
 */
final class FastActivation implements ActivationStage {
    private final Activation g;
    private final int width;
    private final Kernels kernels;
    private float[] A;   // output of the last forward pass [n, width]
    private float[] dZ;  // workspace [n, width]

    FastActivation(Activation g, int width, Kernels kernels) {
        this.g = g;
        this.width = width;
        this.kernels = kernels;
    }

    @Override
    public float[] forward(float[] Z, int n, boolean training) {
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
        float[] dZ = this.dZ = Workspace.ensure(this.dZ, n * width);
        float[] A = this.A;
        if (g == Activation.RELU) kernels.reluBackward(A, dA, dZ, n * width);
        else kernels.forEachRange(n * width, (from, to) -> ActivationLayer.derivative(g, A, dA, dZ, from, to));
        return dZ;
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
