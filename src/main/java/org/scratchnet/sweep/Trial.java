package org.scratchnet.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.config.Recipe;

/**
 * One trial of a sweep: the values of the varied fields, the whole recipe's fields as an
 * experiment file would give them (the base with those values put in), and the recipe they make.
 *
 * @param index  the trial's number, from 0; it names the trial's result file
 * @param values the varied fields' values, in the sweep's order
 * @param fields every field of the recipe, YAML values (numbers, text, lists), in the base's order
 */
public record Trial(int index, Map<String, Object> values, Map<String, Object> fields, Recipe recipe) {

    public Trial {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** "learning_rate 0.003, layers [784, 256, 10]". */
    public String describe() {
        return describe(values);
    }

    /** The varied values as people read them: "learning_rate 0.003, layers [784, 256, 10]". */
    public static String describe(Map<String, Object> values) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (s.length() > 0) s.append(", ");
            s.append(e.getKey()).append(' ').append(value(e.getValue()));
        }
        return s.toString();
    }

    /** A value for people: 0.0003 (not 3.0E-4), adam, [784, 256, 10]. */
    public static String value(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) s.append(i > 0 ? ", " : "").append(value(list.get(i)));
            return s.append(']').toString();
        }
        if (v instanceof Double d && Double.isFinite(d)) return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return String.valueOf(v);
    }
}
