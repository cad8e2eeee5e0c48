package org.scratchnet.optim;

import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Updates parameters from their gradients. Computing gradients (the network's backward pass)
 * and applying them (here) are separate steps: {@code step} is called once per batch, after the
 * gradients of that batch are in {@link Parameter#grad}. The parameter list must be the same,
 * in the same order, on every call: optimisers with state keep it per position.
 */
public interface Optimizer {

    void step(List<Parameter> parameters);

    /** How many arrays of state, each the size of the parameters, this optimiser keeps (for memory checks). */
    int statePerParameter();

    /** e.g. "adam(lr=0.001)". */
    String describe();

    /** The optimisers the command line knows, by name, their element-wise updates run on {@code kernels}. */
    static Optimizer create(Kernels kernels, String name, float learningRate) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        switch (id) {
            case "gd":
            case "sgd":
                return new GradientDescent(kernels, id, learningRate);
            case "momentum":
                return new Momentum(kernels, learningRate, 0.9f);
            case "adam":
                return new Adam(kernels, learningRate, 0.9f, 0.999f, 1e-8f);
            default:
                throw new UserException("unknown optimizer '" + name + "': use gd, sgd, momentum or adam");
        }
    }
}
