package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * The max-norm constraint of Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov (2014),
 * "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", section 5.1: the vector w
 * of weights into each hidden unit is kept within a ball of radius c,
 * <pre>
 *   after each update, for every hidden unit j:   if ‖w_j‖₂ &gt; c then w_j = w_j · c / ‖w_j‖₂
 * </pre>
 * (a projection onto the ball: the rescaled vector has norm c). w_j is row j of W [out, in]; the
 * fast engine's first layer stores Wᵀ [in, out] (its parameter's name ends in ".T"), where it is
 * column j. The hidden units are those of every weight matrix but the last of the parameter list
 * (W1, b1, ..., WL, bL, as {@code Network.parameters()} orders them): the last one feeds the
 * softmax, whose units are not hidden. Biases are not constrained. Norms are summed in double, in
 * a fixed order, so the result does not depend on how the units are shared among threads.
 */
final class MaxNorm {
    private final float c;
    /** Squared column norms of a transposed matrix; grown once to the widest layer, then reused. */
    private double[] columnNorms = new double[0];

    MaxNorm(float c) {
        this.c = c;
    }

    void apply(List<Parameter> parameters, Kernels kernels) {
        int last = -1;
        for (int k = 0; k < parameters.size(); k++) if (parameters.get(k).shape.length == 2) last = k;
        for (int k = 0; k < last; k++) {
            Parameter p = parameters.get(k);
            if (p.shape.length != 2) continue;
            if (p.name.endsWith(".T")) constrainColumns(p.value, p.shape[0], p.shape[1], kernels);
            else constrainRows(p.value, p.shape[0], p.shape[1], kernels);
        }
    }

    /** W [out, in]: each row is one unit's incoming weights. */
    private void constrainRows(float[] w, int out, int in, Kernels kernels) {
        kernels.forEachTask(out, (from, to) -> {
            for (int j = from; j < to; j++) {
                double squares = 0;
                for (int i = j * in; i < (j + 1) * in; i++) squares += (double) w[i] * w[i];
                double norm = Math.sqrt(squares);
                if (norm > c) {
                    float scale = (float) (c / norm);
                    for (int i = j * in; i < (j + 1) * in; i++) w[i] *= scale;
                }
            }
        });
    }

    /** Wᵀ [in, out]: each column is one unit's incoming weights. */
    private void constrainColumns(float[] wt, int in, int out, Kernels kernels) {
        if (columnNorms.length < out) columnNorms = new double[out];
        double[] squares = columnNorms;
        kernels.forEachTask(out, (from, to) -> {
            for (int j = from; j < to; j++) squares[j] = 0;
            for (int i = 0; i < in; i++) {
                int row = i * out;
                for (int j = from; j < to; j++) squares[j] += (double) wt[row + j] * wt[row + j];
            }
            for (int j = from; j < to; j++) squares[j] = Math.sqrt(squares[j]);
            for (int i = 0; i < in; i++) {
                int row = i * out;
                for (int j = from; j < to; j++) if (squares[j] > c) wt[row + j] *= (float) (c / squares[j]);
            }
        });
    }
}
