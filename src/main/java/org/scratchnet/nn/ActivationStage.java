package org.scratchnet.nn;

/** A layer that applies an activation function element-wise, A = g(Z), seen from outside. */
public interface ActivationStage extends Layer {

    Activation activation();

    /** A of the last forward pass, [n, width] for that pass's n (a workspace: read, do not keep). */
    float[] output();
}
