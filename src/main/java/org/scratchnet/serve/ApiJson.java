package org.scratchnet.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.scratchnet.StrictJson;

/** The API's JSON writer: strict (null where a number is undefined), compact, snake_case keys given by the maps. */
final class ApiJson {
    private static final Gson GSON = StrictJson.finiteOrNull(new GsonBuilder()).serializeNulls().disableHtmlEscaping().create();

    private ApiJson() {}

    static String toJson(Object value) {
        return GSON.toJson(value);
    }
}
