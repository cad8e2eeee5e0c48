package org.scratchnet.explain;

import java.util.List;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;

/**
 * One gradient-descent step of a network on one mini-batch, every quantity of the paper's
 * equations as the network's reference layers computed it ({@link StepRecorder}).
 *
 * <p>Layout: row-major, one example per row, as the network computes: X, Z, A, dA and dZ are
 * [m, units]; W and dW are [out, in], the paper's own matrices (the paper puts one example per
 * column, so its X, Z, A and dZ are the transposes of these). dZ and dA are written as the paper
 * writes them, without the 1/m: dZ[L] = A[L] - Y; the network itself keeps 1/m inside dZ
 * ((A - Y)/m), so these are m times its arrays, while dW and db, which carry the 1/m in both, are
 * its very numbers.
 *
 * @param alpha      the learning rate α of the update
 * @param inputMask  [m, in], 0 or 1/(1 - rate): the input dropout's mask M[0], or null without input dropout
 * @param A0         [m, in], A[0], what the first layer read: X, or X ⊙ M[0] with input dropout
 * @param loss       the mean cross-entropy of the batch, as the step computed it (dropout on)
 * @param lossBefore the mean loss on the batch before the step, evaluated with dropout off
 * @param lossAfter  the same after the step
 */
public record Step(Architecture architecture, float alpha, FirstBatch batch, float[] inputMask, float[] A0, double loss,
                   double lossBefore, double lossAfter, List<LayerStep> layers) {

    public int m() {
        return batch.m();
    }

    /** Whether the step dropped input pixels (and A[0] is X ⊙ M[0], not X). */
    public boolean inputDropped() {
        return inputMask != null;
    }

    /** Whether any mask dropped something in the step: the input's or a hidden layer's. */
    public boolean anyDropout() {
        if (inputDropped()) return true;
        for (LayerStep s : layers) if (s.mask() != null) return true;
        return false;
    }

    /** L, the number of weight layers. */
    public int depth() {
        return layers.size();
    }

    /** Layer l (1 .. L, the paper's numbering). */
    public LayerStep layer(int l) {
        return layers.get(l - 1);
    }

    /**
     * The quantities of weight layer {@code index} (1 .. L), each a copy.
     *
     * @param activation g of a hidden layer, or null for the output layer (softmax)
     * @param dropout    the rate of the dropout after it (0: none)
     * @param Z          [m, out]
     * @param A          [m, out]: g(Z) with the dropout mask applied (what the next layer reads), softmax(Z) at the output
     * @param mask       [m, out], 0 or 1/(1 - rate), or null without dropout
     * @param dA         [m, out], the paper's dA[l] = dZ[l+1]·W[l+1] (null for the output layer)
     * @param dZ         [m, out], the paper's (no 1/m)
     * @param dW         [out, in]
     * @param db         [out]
     */
    public record LayerStep(int index, int in, int out, Activation activation, float dropout, float[] W, float[] b,
                            float[] Z, float[] A, float[] mask, float[] dA, float[] dZ, float[] dW, float[] db,
                            float[] WUpdated, float[] bUpdated) {

        public boolean isOutput() {
            return activation == null;
        }

        /** "relu", or "softmax" for the output layer. */
        public String activationName() {
            return activation == null ? "softmax" : activation.id();
        }
    }
}
