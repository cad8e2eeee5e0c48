package org.scratchnet.nn;

/**
 * A layer that can save work when promised that its input array will be passed again, unchanged
 * (full-batch training passes the whole training set every time): the fast engine's first layer
 * then lists the nonzero pixels once instead of on every call. The reference layers need no such
 * promise. Results are the same either way.
 */
public interface ConstantInputAware {

    /** Promises that {@code X} will not change while it is passed to forward; null withdraws the promise. */
    void assumeConstantInput(float[] X);
}
