package org.scratchnet;

import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Strict JSON (RFC 8259) has no NaN or infinity: a number that is undefined (the loss of a run
 * that diverged, a class without examples) is written as {@code null}, so that every JSON parser
 * reads it. One place for the rule, used by the command line's {@code --json} and by the HTTP API.
 */
public final class StrictJson {
    private StrictJson() {}

    /** Makes {@code builder} write non-finite doubles and floats, boxed or not, as null. */
    public static GsonBuilder finiteOrNull(GsonBuilder builder) {
        TypeAdapter<Number> finiteOrNull = new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, Number value) throws IOException {
                if (value == null || !Double.isFinite(value.doubleValue())) out.nullValue();
                else out.value(value);
            }

            @Override
            public Number read(JsonReader in) {
                throw new UnsupportedOperationException("StrictJson only writes");
            }
        };
        return builder.registerTypeAdapter(Double.class, finiteOrNull).registerTypeAdapter(double.class, finiteOrNull)
                .registerTypeAdapter(Float.class, finiteOrNull).registerTypeAdapter(float.class, finiteOrNull);
    }
}
