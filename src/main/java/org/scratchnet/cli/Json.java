package org.scratchnet.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.scratchnet.StrictJson;

/**
 * Prints one JSON object on stdout for {@code --json}. The output is strict JSON (RFC 8259), which
 * has no NaN or infinity: a number that is undefined (the loss of a run that diverged, a class
 * without examples) is written as {@code null}, so that every JSON parser reads it. Keys are
 * snake_case throughout; {@code JsonOutputTest} checks both on every command's output.
 */
final class Json {
    private Json() {}

    private static final Gson GSON = strict(new GsonBuilder()).serializeNulls().setPrettyPrinting().disableHtmlEscaping().create();

    /** The same strict JSON on one line, for JSON Lines output. */
    private static final Gson LINE = strict(new GsonBuilder()).serializeNulls().disableHtmlEscaping().create();

    static String toLine(Object value) {
        return LINE.toJson(value);
    }

    static void print(Object value) {
        System.out.println(toJson(value));
    }

    static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /** Makes {@code builder} write non-finite doubles and floats, boxed or not, as null ({@link StrictJson}). */
    static GsonBuilder strict(GsonBuilder builder) {
        return StrictJson.finiteOrNull(builder);
    }
}
