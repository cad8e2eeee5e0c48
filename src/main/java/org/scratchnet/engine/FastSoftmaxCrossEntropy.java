package org.scratchnet.engine;

import org.scratchnet.nn.Loss;
import org.scratchnet.nn.SoftmaxCrossEntropy;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;

/**
 * The reference {@link SoftmaxCrossEntropy}'s row loops, shared among the kernels' threads when
 * the batch is large (rows are independent; the losses are then added in row order, so the bits
 * do not depend on the split).
 */
final class FastSoftmaxCrossEntropy implements Loss {
    private final int classes;
    private final Kernels kernels;
    private float[] A;   // probabilities of the last forward pass [n, C]
    private float[] dZ;  // workspace [n, C]
    private double[] rowLoss = new double[0];
    private int[] argmax = new int[0];

    FastSoftmaxCrossEntropy(int classes, Kernels kernels) {
        this.classes = classes;
        this.kernels = kernels;
    }

    @Override
    public double forward(float[] Z, int[] y, int yOffset, int n, int[] correct) {
        float[] A = this.A = Workspace.ensure(this.A, n * classes);
        if (rowLoss.length < n) {
            rowLoss = new double[n];
            argmax = new int[n];
        }
        double[] rowLoss = this.rowLoss;
        int[] argmax = this.argmax;
        kernels.forEachRange(n, (from, to) ->
                SoftmaxCrossEntropy.forwardRows(Z, y, yOffset, classes, A, rowLoss, argmax, from, to));
        return SoftmaxCrossEntropy.sum(y, yOffset, n, rowLoss, argmax, correct);
    }

    @Override
    public float[] backward(int[] y, int yOffset, int n) {
        float[] dZ = this.dZ = Workspace.ensure(this.dZ, n * classes);
        float[] A = this.A;
        kernels.forEachRange(n, (from, to) -> SoftmaxCrossEntropy.gradientRows(A, y, yOffset, n, classes, dZ, from, to));
        return dZ;
    }

    @Override
    public float[] probabilities() {
        return A;
    }
}
