package org.scratchnet.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid search's trials: every combination of the varied fields' values, the first field
 * changing slowest (as nested loops in the file's order, or Python's itertools.product).
 */
final class Grid {
    private Grid() {}

    /** The number of combinations, or Long.MAX_VALUE if it does not fit in a long. */
    static long size(Map<String, List<Object>> values) {
        long n = 1;
        for (List<Object> v : values.values()) {
            try {
                n = Math.multiplyExact(n, (long) v.size());
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Every combination, in order; call only once {@link #size} is known to be small. */
    static List<Map<String, Object>> combinations(Map<String, List<Object>> values) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> field : values.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : field.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(field.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * How a figure lays these values out: numbers spanning a factor of ten or more (all positive)
     * on a log axis, other numbers on a linear one, anything else as categories.
     */
    static Sweep.Scale scaleOf(List<Object> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object v : values) {
            if (!(v instanceof Number n)) return Sweep.Scale.CATEGORY;
            min = Math.min(min, n.doubleValue());
            max = Math.max(max, n.doubleValue());
        }
        return min > 0 && max / min >= 10 ? Sweep.Scale.LOG : Sweep.Scale.LINEAR;
    }
}
