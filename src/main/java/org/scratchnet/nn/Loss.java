package org.scratchnet.nn;

/**
 * The output layer and the loss together: softmax probabilities and their cross-entropy, on a
 * batch of logits Z [n, classes] with labels y[yOffset .. yOffset+n).
 */
public interface Loss {

    /**
     * Fills the probabilities and returns the summed (not averaged) loss over the batch, or 0 if
     * {@code y} is null. {@code correct[0]}, if not null, receives the number of right arg-max predictions.
     */
    double forward(float[] Z, int[] y, int yOffset, int n, int[] correct);

    /** dZ = (A - Y) / n for the labels of the last forward pass, [n, classes]. */
    float[] backward(int[] y, int yOffset, int n);

    /** The probabilities of the last forward pass, [n, classes]. */
    float[] probabilities();
}
