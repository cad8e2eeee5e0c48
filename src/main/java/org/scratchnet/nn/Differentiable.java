package org.scratchnet.nn;

import java.util.List;

/**
 * Anything whose loss and parameter gradients can be computed on a batch: what the gradient
 * check needs to know of a model. {@link Network} is the one that matters; tests implement it
 * with deliberately wrong derivatives to show that the check catches them.
 */
public interface Differentiable {

    /** Summed loss over the batch; fills every parameter's gradient with d(mean loss)/dθ. */
    double computeGradients(float[] X, int[] y, int yOffset, int n);

    List<Parameter> parameters();

    /** Makes dropout reuse its last mask, so the loss is a fixed function of the weights. */
    default void freezeDropoutMasks(boolean frozen) {}

    /**
     * A fingerprint of which side of a kink (ReLU at 0) every unit sat on in the last forward
     * pass; two passes with the same fingerprint lie on the same smooth piece of the loss.
     */
    default long kinkPattern() {
        return 0;
    }
}
