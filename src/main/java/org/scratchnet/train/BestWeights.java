package org.scratchnet.train;

import java.util.List;
import org.scratchnet.nn.Parameter;

/**
 * A copy of every parameter's values, taken when an epoch is the best so far and put back at the
 * end of the run (restore-best). The values are copied as the engine stores them (the fast first
 * layer keeps Wᵀ), which is what putting them back into the same network needs.
 */
final class BestWeights {
    private BestWeights() {}

    /** Arrays the size of each parameter, allocated once before training. */
    static float[][] like(List<Parameter> parameters) {
        float[][] copy = new float[parameters.size()][];
        for (int k = 0; k < copy.length; k++) copy[k] = new float[parameters.get(k).size()];
        return copy;
    }

    static void copy(List<Parameter> from, float[][] to) {
        for (int k = 0; k < to.length; k++) System.arraycopy(from.get(k).value, 0, to[k], 0, to[k].length);
    }

    static void restore(float[][] from, List<Parameter> to) {
        for (int k = 0; k < from.length; k++) System.arraycopy(from[k], 0, to.get(k).value, 0, from[k].length);
    }
}
