package org.scratchnet.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.nn.Parameter;

/**
 * All of an optimiser's mutable state, in the open: how many updates it has applied (Adam's t)
 * and its per-weight arrays by name (momentum's "velocity", Adam's "m" and "v"), one contiguous
 * {@code float[]} per parameter, in the order of the parameter list.
 *
 * <p>Nothing else in an optimiser changes while it trains: its hyper-parameters are fixed by its
 * {@link OptimizerSpec}, and its learning rate is set before every update by the run's schedule.
 * So a checkpoint that saves {@link #updates()} and every {@link #arrays(String)}, and later
 * {@link #restore}s them into a new optimiser built from the same spec, continues the run to the
 * bit. The arrays are allocated, as zeros, at the first update (or by {@code restore}).
 *
 * <pre>
 *   State s = optimizer.state();
 *   long t = s.updates();
 *   for (String name : s.names()) save(name, s.arrays(name));      // null before the first update
 *   ...
 *   fresh.state().restore(t, Map.of("m", m, "v", v));               // copies; sizes checked at the next update
 * </pre>
 */
public final class State {
    private final List<String> names;
    /** [name][parameter][element]; null until the first update or a restore. */
    private float[][][] arrays;
    private long updates;

    State(String... names) {
        this.names = List.of(names);
    }

    /** The names of the per-weight arrays, in a fixed order: empty for plain gradient descent. */
    public List<String> names() {
        return names;
    }

    /** Updates applied so far (t after the last one; 0 before the first). */
    public long updates() {
        return updates;
    }

    /** The live arrays named {@code name}, one per parameter, or null before the first update. */
    public float[][] arrays(String name) {
        int k = names.indexOf(name);
        if (k < 0) throw new IllegalArgumentException("this optimiser keeps no state named '" + name + "'; it keeps " + names);
        return arrays == null ? null : arrays[k];
    }

    /** Every array by name (a view of the live arrays), empty before the first update. */
    public Map<String, float[][]> all() {
        Map<String, float[][]> all = new LinkedHashMap<>();
        if (arrays != null) for (int k = 0; k < names.size(); k++) all.put(names.get(k), arrays[k]);
        return all;
    }

    /**
     * Puts a saved state in place of this one: {@code updates} and a copy of every named array
     * (exactly {@link #names()}; an empty map with 0 updates is the state before the first
     * update). Whether the arrays fit the parameters is checked at the next update.
     */
    public void restore(long updates, Map<String, float[][]> saved) {
        if (updates < 0) throw new IllegalArgumentException("an optimiser cannot have applied " + updates + " updates");
        if (saved.isEmpty() && (names.isEmpty() || updates == 0)) {
            this.arrays = null;
            this.updates = updates;
            return;
        }
        if (!saved.keySet().equals(new java.util.HashSet<>(names))) {
            throw new IllegalArgumentException("the saved optimiser state holds " + saved.keySet() + " but this optimiser keeps " + names);
        }
        float[][][] copy = new float[names.size()][][];
        for (int k = 0; k < names.size(); k++) {
            float[][] one = saved.get(names.get(k));
            copy[k] = new float[one.length][];
            for (int p = 0; p < one.length; p++) copy[k][p] = one[p].clone();
        }
        this.arrays = copy;
        this.updates = updates;
    }

    /** The arrays for these parameters, allocated as zeros on the first call; their sizes must match. */
    float[][][] forParameters(List<Parameter> parameters) {
        if (arrays == null) {
            arrays = new float[names.size()][parameters.size()][];
            for (float[][] named : arrays) {
                for (int p = 0; p < named.length; p++) named[p] = new float[parameters.get(p).size()];
            }
        }
        for (int k = 0; k < arrays.length; k++) {
            boolean fits = arrays[k].length == parameters.size();
            for (int p = 0; fits && p < arrays[k].length; p++) fits = arrays[k][p].length == parameters.get(p).size();
            if (!fits) {
                throw new IllegalStateException("the optimiser's state '" + names.get(k) + "' does not fit the parameters it is"
                        + " asked to update (another network, or state restored from another run)");
            }
        }
        return arrays;
    }

    /** Counts one more update; returns t, the count including it. */
    long advance() {
        return ++updates;
    }
}
