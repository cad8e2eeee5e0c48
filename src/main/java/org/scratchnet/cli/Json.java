package org.scratchnet.cli;

import com.google.gson.GsonBuilder;

/** Prints one JSON object on stdout for {@code --json}. */
final class Json {
    private Json() {}

    static void print(Object value) {
        System.out.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                .disableHtmlEscaping().create().toJson(value));
    }
}
