package org.scratchnet.nn;

import org.scratchnet.SplitMix;

/**
 * A layer that drops input pixels in training ({@link InputDropout}, or its fast engine twin):
 * what the network asks of it besides being a layer, the same as of the hidden layers'
 * {@link Dropout}: the generator a checkpoint saves, and a mask the gradient check can freeze.
 */
public interface InputMask extends RandomLayer {

    /** The generator of the masks' keys (one draw per training batch), whose state a checkpoint saves and restores. */
    @Override
    SplitMix random();
}
