package org.scratchnet.nn;

import org.scratchnet.SplitMix;

/**
 * A layer that draws random numbers in training (dropout's masks, Gaussian noise): what the network
 * asks of it besides being a layer. Its generator's state is what a checkpoint saves for a resumed
 * run to draw the same numbers, and the gradient check freezes its last draw so that the loss is a
 * fixed function of the weights.
 */
public interface RandomLayer extends Layer {

    /** The generator of this layer's draws (or of their per-batch keys), whose state a checkpoint saves and restores. */
    SplitMix random();

    /** Reuse the last draw on later forward passes (true), or draw anew each time (false). */
    void freezeMask(boolean frozen);
}
