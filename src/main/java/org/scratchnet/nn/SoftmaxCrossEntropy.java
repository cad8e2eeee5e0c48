package org.scratchnet.nn;

/**
 * The output layer and the loss together, the reference: softmax probabilities and their
 * cross-entropy.
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
 * {@link Exp} and {@link Log} (not Math's) make exp and log give the same bits whether the JIT
 * has compiled this code or not, so the same seed gives the same numbers on every run. The row
 * loops are static so that the fast engine runs the very same code on its share of the rows.
 */
public final class SoftmaxCrossEntropy implements Loss {
    private final int classes;
    private float[] A;   // probabilities of the last forward pass [n, C]
    private float[] dZ;  // workspace [n, C]
    private double[] rowLoss = new double[0];  // log A_i,y_i per row of the last forward pass
    private int[] argmax = new int[0];         // the predicted class per row

    public SoftmaxCrossEntropy(int classes) {
        this.classes = classes;
    }

    @Override
    public double forward(float[] Z, int[] y, int yOffset, int n, int[] correct) {
        A = Workspace.ensure(A, n * classes);
        if (rowLoss.length < n) {
            rowLoss = new double[n];
            argmax = new int[n];
        }
        forwardRows(Z, y, yOffset, classes, A, rowLoss, argmax, 0, n);
        return sum(y, yOffset, n, rowLoss, argmax, correct);
    }

    @Override
    public float[] backward(int[] y, int yOffset, int n) {
        dZ = Workspace.ensure(dZ, n * classes);
        gradientRows(A, y, yOffset, n, classes, dZ, 0, n);
        return dZ;
    }

    @Override
    public float[] probabilities() {
        return A;
    }

    /**
     * Rows [from, to): the probabilities A, the arg-max and, with labels, log A_i,y_i
     * (rowLoss[i], as a double).
     */
    public static void forwardRows(float[] Z, int[] y, int yOffset, int classes, float[] A, double[] rowLoss,
                                   int[] argmax, int from, int to) {
        for (int i = from; i < to; i++) {
            int row = i * classes;
            int best = argmax(Z, row, classes);
            float max = Z[row + best];
            double sum = expRow(Z, row, classes, max, A, row);
            argmax[i] = best;
            if (y != null) rowLoss[i] = ((double) Z[row + y[yOffset + i]] - max) - Log.log(sum);
        }
    }

    /**
     * The summed loss -Σ log A_i,y_i over rows 0..n-1, added in order (the same bits whoever
     * computed the rows), or 0 without labels; correct[0] gets the number of right arg-maxes.
     */
    public static double sum(int[] y, int yOffset, int n, double[] rowLoss, int[] argmax, int[] correct) {
        double loss = 0;
        int right = 0;
        if (y != null) {
            for (int i = 0; i < n; i++) {
                loss -= rowLoss[i];
                if (argmax[i] == y[yOffset + i]) right++;
            }
        }
        if (correct != null) correct[0] = right;
        return loss;
    }

    /** Rows [from, to) of dZ = (A - Y) / n. */
    public static void gradientRows(float[] A, int[] y, int yOffset, int n, int classes, float[] dZ, int from, int to) {
        float invN = 1f / n;
        for (int i = from; i < to; i++) {
            int row = i * classes;
            for (int c = 0; c < classes; c++) dZ[row + c] = A[row + c] * invN;
            dZ[row + y[yOffset + i]] -= invN;
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
    public static int softmax(float[] z, int offset, int classes, float[] probabilities) {
        int best = argmax(z, offset, classes);
        if (probabilities != null) expRow(z, offset, classes, z[offset + best], probabilities, 0);
        return best;
    }
}
