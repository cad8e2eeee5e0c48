package org.scratchnet.nn;

import java.util.List;

/**
 * One stage of a feed-forward network.
 *
 * <p>Calls come in this order: {@link #forward} on a batch, then (when training)
 * {@link #backward} with the gradient of the loss with respect to this layer's output, which
 * fills the gradients of {@link #parameters()} and returns the gradient with respect to the
 * layer's input. Arrays are row-major and batch-first: a batch of {@code n} examples is
 * {@code [n, width]}. The arrays a layer returns are its own workspaces, valid until its next
 * call; they grow to the largest batch seen and are then reused, so training allocates nothing.
 */
public interface Layer {

    int inputSize();

    int outputSize();

    /** X [n, in] -> output [n, out]. {@code training} switches on dropout. */
    float[] forward(float[] X, int n, boolean training);

    /** dOut [n, out] -> dX [n, in]; fills parameter gradients. Returns null if not asked for. */
    float[] backward(float[] dOut, int n);

    /** The trainable parameters; empty for layers without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Short description for summaries, e.g. "Dense(784 -> 256)". */
    String describe();
}
