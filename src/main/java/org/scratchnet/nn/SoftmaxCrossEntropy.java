package org.scratchnet.nn;

import org.scratchnet.tensor.Kernels;

/**
 * The output layer and the loss together: softmax probabilities and their cross-entropy.
 *
 * <pre>
 *   Z [n, C] logits,  y [n] class labels
 *   A_ic = softmax(Z_i)_c = e^(Z_ic - max_i) / Σ_k e^(Z_ik - max_i)
 *   L    = -(1/n) Σ_i log A_i,y_i
 *   dZ   = (A - Y) / n                    Y the one-hot labels
 * </pre>
 * Subtracting the row maximum before exponentiating (log-sum-exp) keeps large logits finite;
 * the log-probability is computed as (Z - max) - log Σ e^(Z - max), never as log of a rounded
 * probability, so a confident wrong answer costs a large finite loss, not infinity.
 * {@link Exp} and StrictMath (not Math) make exp and log give the same bits whether the JIT has
 * compiled this code or not, so the same seed gives the same numbers on every run.
 */
public final class SoftmaxCrossEntropy {
    private final int classes;
    private float[] A;   // probabilities of the last forward pass [n, C]
    private float[] dZ;  // workspace [n, C]
    private double[] rowLoss = null;  // log A_i,y_i per row of the last forward pass
    private int[] argmaxOf = new int[0];
    private float[] Z;    // the logits and labels of the current forward pass, for rows()
    private int[] y;
    private int yOffset;
    private final Kernels.Range rows = this::rows;

    public SoftmaxCrossEntropy(int classes) {
        this.classes = classes;
    }

    /**
     * Fills the probabilities and returns the summed (not averaged) loss over the batch, or 0 if
     * {@code y} is null. {@code correct[0]} receives the number of right arg-max predictions.
     */
    public double forward(float[] Z, int[] y, int yOffset, int n, int[] correct) {
        A = Workspace.ensure(A, n * classes);
        if (rowLoss == null || rowLoss.length < n) {
            rowLoss = new double[n];
            argmaxOf = new int[n];
        }
        this.Z = Z;
        this.y = y;
        this.yOffset = yOffset;
        try {
            Kernels.current().forEachRange(n, rows);  // rows are independent: shared among the cores
        } finally {
            this.Z = null;
            this.y = null;
        }
        double loss = 0;
        int right = 0;
        if (y != null) {
            for (int i = 0; i < n; i++) {  // summed in order, so the same bits on any number of threads
                loss -= rowLoss[i];
                if (argmaxOf[i] == y[yOffset + i]) right++;
            }
        }
        if (correct != null) correct[0] = right;
        return loss;
    }

    /** Rows from..to: probabilities, arg-max and, with labels, log A_i,y_i. */
    private void rows(int from, int to) {
        for (int i = from; i < to; i++) {
            int row = i * classes;
            int argmax = argmax(Z, row, classes);
            float max = Z[row + argmax];
            double sum = expRow(Z, row, classes, max, A, row);
            argmaxOf[i] = argmax;
            if (y != null) rowLoss[i] = ((double) Z[row + y[yOffset + i]] - max) - StrictMath.log(sum);
        }
    }

    /** The index of the largest of Z[row .. row+classes) (the first one on ties). */
    private static int argmax(float[] Z, int row, int classes) {
        int argmax = 0;
        float max = Z[row];
        for (int c = 1; c < classes; c++) {
            if (Z[row + c] > max) {
                max = Z[row + c];
                argmax = c;
            }
        }
        return argmax;
    }

    /** A[at + c] = e^(Z[row + c] - max) / Σ; returns Σ_c e^(Z[row + c] - max). */
    private static double expRow(float[] Z, int row, int classes, float max, float[] A, int at) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float e = (float) Exp.exp((double) Z[row + c] - max);
            A[at + c] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int c = 0; c < classes; c++) A[at + c] *= inv;
        return sum;
    }

    /**
     * Softmax of one row of logits z[offset .. offset+classes) into {@code probabilities[0 .. classes)}
     * (if not null; z is left alone): the same numbers as {@link #forward}. Returns the arg-max.
     */
    static int softmax(float[] z, int offset, int classes, float[] probabilities) {
        int argmax = argmax(z, offset, classes);
        if (probabilities != null) expRow(z, offset, classes, z[offset + argmax], probabilities, 0);
        return argmax;
    }

    /** dZ = (A - Y) / n, for the labels of the last forward pass. */
    public float[] backward(int[] y, int yOffset, int n) {
        dZ = Workspace.ensure(dZ, n * classes);
        this.y = y;
        this.yOffset = yOffset;
        this.invN = 1f / n;
        try {
            Kernels.current().forEachRange(n, gradientRows);  // rows are independent: shared among the cores
        } finally {
            this.y = null;
        }
        return dZ;
    }

    private float invN;  // 1/n of the current backward pass
    private final Kernels.Range gradientRows = this::gradientRows;

    /** Rows from..to of dZ = (A - Y) / n. */
    private void gradientRows(int from, int to) {
        for (int i = from; i < to; i++) {
            int row = i * classes;
            for (int c = 0; c < classes; c++) dZ[row + c] = A[row + c] * invN;
            dZ[row + y[yOffset + i]] -= invN;
        }
    }

    /** The probabilities of the last forward pass, [n, C]. */
    public float[] probabilities() {
        return A;
    }
}
