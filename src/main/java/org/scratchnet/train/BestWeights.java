package org.scratchnet.train;

import java.util.ArrayList;
import java.util.List;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;

/**
 * A copy of every parameter's values and every buffer (batch normalisation's running
 * statistics), taken when an epoch is the best so far and put back at the end of the run
 * (restore-best). The values are copied as the engine stores them (the fast first layer keeps
 * Wᵀ), which is what putting them back into the same network needs.
 */
final class BestWeights {
    private BestWeights() {}

    /** What the copy holds, in order: each parameter's values, then {@link Network#buffers()}. */
    static List<float[]> of(Network net) {
        List<float[]> arrays = new ArrayList<>();
        for (Parameter p : net.parameters()) arrays.add(p.value);
        arrays.addAll(net.buffers());
        return arrays;
    }

    /** Arrays the size of each, allocated once before training. */
    static float[][] like(List<float[]> arrays) {
        float[][] copy = new float[arrays.size()][];
        for (int k = 0; k < copy.length; k++) copy[k] = new float[arrays.get(k).length];
        return copy;
    }

    static void copy(List<float[]> from, float[][] to) {
        for (int k = 0; k < to.length; k++) System.arraycopy(from.get(k), 0, to[k], 0, to[k].length);
    }

    static void restore(float[][] from, List<float[]> to) {
        for (int k = 0; k < from.length; k++) System.arraycopy(from[k], 0, to.get(k), 0, from[k].length);
    }
}
