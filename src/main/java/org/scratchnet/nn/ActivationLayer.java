package org.scratchnet.nn;

/**
 * Applies an activation function element-wise, the reference: A = g(Z).
 *
 * <pre>
 *   Z [n, width] -> A [n, width]
 *   forward:   A  = g(Z)
 *   backward:  dZ = dA ⊙ g'(Z)        (g' computed from A, see {@link Activation})
 * </pre>
 * The two loops are static so that the fast engine runs the very same code on its share of the
 * elements ({@code org.scratchnet.engine.FastActivation}).
 */
public final class ActivationLayer implements ActivationStage {
    private final Activation g;
    private final int width;
    private float[] A;   // output of the last forward pass [n, width]
    private float[] dZ;  // workspace [n, width]

    public ActivationLayer(Activation g, int width) {
        this.g = g;
        this.width = width;
    }

    @Override
    public float[] forward(float[] Z, int n, boolean training) {
        A = Workspace.ensure(A, n * width);
        apply(g, Z, A, 0, n * width);
        return A;
    }

    @Override
    public float[] backward(float[] dA, int n) {
        dZ = Workspace.ensure(dZ, n * width);
        derivative(g, A, dA, dZ, 0, n * width);
        return dZ;
    }

    /** A[i] = g(Z[i]) for i in [from, to). */
    public static void apply(Activation g, float[] Z, float[] A, int from, int to) {
        for (int i = from; i < to; i++) A[i] = g.apply(Z[i]);
    }

    /** dZ[i] = dA[i] · g'(Z[i]) for i in [from, to), g' read from the output A. */
    public static void derivative(Activation g, float[] A, float[] dA, float[] dZ, int from, int to) {
        for (int i = from; i < to; i++) dZ[i] = dA[i] * g.derivativeFromOutput(A[i]);
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
