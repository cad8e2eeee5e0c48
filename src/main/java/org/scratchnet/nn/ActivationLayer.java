package org.scratchnet.nn;

import org.scratchnet.tensor.Kernels;

/**
 * Applies an activation function element-wise: A = g(Z).
 *
 * <pre>
 *   Z [n, width] -> A [n, width]
 *   forward:   A  = g(Z)
 *   backward:  dZ = dA ⊙ g'(Z)        (g' computed from A, see {@link Activation})
 * </pre>
 */
public final class ActivationLayer implements Layer {
    private final Activation g;
    private final int width;
    private float[] A;   // output of the last forward pass [n, width]
    private float[] dZ;  // workspace [n, width]
    private int lastSize;
    private float[] Z;   // the input of the forward pass under way
    private float[] dA;  // the incoming gradient of the backward pass under way
    private final Kernels.Range relu = (from, to) -> {
        for (int i = from; i < to; i++) A[i] = Math.max(Z[i], 0f);
    };
    // Sigmoid and tanh cost an exponential per element (a fifth of a full-batch 784-32-32-10
    // sigmoid step on one thread): shared among the cores like ReLU. Element-wise, so the bits
    // do not depend on the split.
    private final Kernels.Range apply = this::apply;
    private final Kernels.Range derivative = this::derivative;

    public ActivationLayer(Activation g, int width) {
        this.g = g;
        this.width = width;
    }

    public Activation activation() {
        return g;
    }

    /** A hash of which outputs of the last forward pass were positive (the ReLU pattern). */
    long activePattern() {
        long hash = 1;
        for (int i = 0; i < lastSize; i++) hash = 31 * hash + (A[i] > 0f ? 1 : 0);
        return hash;
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
    public float[] forward(float[] Z, int n, boolean training) {
        A = Workspace.ensure(A, n * width);
        int size = n * width;
        lastSize = size;
        this.Z = Z;
        try {  // ReLU, the common case, is a plain loop the JIT vectorises
            Kernels.current().forEachRange(size, g == Activation.RELU ? relu : apply);
        } finally {
            this.Z = null;
        }
        return A;
    }

    @Override
    public float[] backward(float[] dA, int n) {
        dZ = Workspace.ensure(dZ, n * width);
        int size = n * width;
        switch (g) {
            case RELU:  // dZ = dA where A > 0, else 0
                Kernels.current().reluBackward(A, dA, dZ, size);
                break;
            default:
                this.dA = dA;
                try {
                    Kernels.current().forEachRange(size, derivative);
                } finally {
                    this.dA = null;
                }
        }
        return dZ;
    }

    /** A = g(Z) for the elements from..to. */
    private void apply(int from, int to) {
        for (int i = from; i < to; i++) A[i] = g.apply(Z[i]);
    }

    /** dZ = dA ⊙ g'(Z), g' from the output A, for the elements from..to. */
    private void derivative(int from, int to) {
        for (int i = from; i < to; i++) dZ[i] = dA[i] * g.derivativeFromOutput(A[i]);
    }

    @Override
    public String describe() {
        return g.id();
    }
}
