package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;

/**
 * Updates parameters from their gradients. Computing gradients (the network's backward pass)
 * and applying them (here) are separate steps: {@code step} is called once per batch, after the
 * gradients of that batch are in {@link Parameter#grad}. The parameter list must be the same,
 * in the same order, on every call: optimisers with state keep it per position. An
 * {@link OptimizerSpec} names one and builds it.
 */
public interface Optimizer {

    void step(List<Parameter> parameters);

    /** How many arrays of state, each the size of the parameters, this optimiser keeps (for memory checks). */
    int statePerParameter();

    /** e.g. "adam(lr=0.001)". */
    String describe();
}
