package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;

/** Optimiser state: one zeroed array per parameter, allocated on the first step. */
final class State {
    private State() {}

    static float[][] zerosLike(List<Parameter> parameters) {
        float[][] state = new float[parameters.size()][];
        for (int k = 0; k < state.length; k++) state[k] = new float[parameters.get(k).size()];
        return state;
    }
}
