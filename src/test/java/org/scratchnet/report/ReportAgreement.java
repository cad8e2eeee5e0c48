package org.scratchnet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.Map;

/**
 * The check that a report's REPORT.md and results.json agree: each recipe's row in the Markdown
 * shows the means ± sample standard deviations, initial loss and diverged count that
 * results.json holds for it. Used on hand-made results and on a real quick run.
 */
public final class ReportAgreement {
    private ReportAgreement() {}

    /** Asserts that each recipe's row of {@code markdown} shows the numbers {@code json} holds for it. */
    public static void assertAgree(String markdown, String json) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        int rows = 0;
        for (JsonElement e : root.getAsJsonArray("experiments")) {
            for (Map.Entry<String, JsonElement> r : e.getAsJsonObject().getAsJsonObject("recipes").entrySet()) {
                JsonObject recipe = r.getValue().getAsJsonObject();
                int runs = recipe.getAsJsonArray("runs").size();
                String row = "| " + r.getKey().replace('_', ' ') + ": " + recipe.get("recipe").getAsString() + " | "
                        + cell(recipe, "train_accuracy", runs) + " | " + cell(recipe, "validation_accuracy", runs) + " | "
                        + cell(recipe, "test_accuracy", runs) + " | "
                        + String.format(Locale.ROOT, "%.2f", recipe.get("initial_loss_mean").getAsDouble()) + " | ";
                assertThat(markdown).as(e.getAsJsonObject().get("name") + " " + r.getKey()).contains(row);
                String diverged = " | " + recipe.get("diverged").getAsInt() + " of " + runs + " | ";
                assertThat(markdown.substring(markdown.indexOf(row))).contains(diverged);
                rows++;
            }
        }
        assertThat(rows).isPositive();
    }

    private static String cell(JsonObject recipe, String key, int runs) {
        JsonElement mean = recipe.get(key + "_mean");
        if (mean == null || mean.isJsonNull()) return "diverged";
        int ok = (int) recipe.getAsJsonArray("runs").asList().stream()
                .filter(x -> !x.getAsJsonObject().get(key).isJsonNull()).count();
        if (ok == 1) return String.format(Locale.ROOT, "%.2f", 100 * mean.getAsDouble());
        return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean.getAsDouble(), 100 * recipe.get(key + "_std").getAsDouble());
    }
}
