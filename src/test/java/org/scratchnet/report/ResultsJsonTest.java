package org.scratchnet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scratchnet.experiment.ExperimentResult;

/** results.json from hand-made results: one unit, rounded, strict, snake_case, and in agreement with REPORT.md. */
class ResultsJsonTest {
    private static final List<ExperimentResult> RESULTS = HandMadeResults.all();
    private static final String JSON = ResultsJson.render(RESULTS, null, HandMadeResults.context(false));

    @Test
    void isStrictJsonWithNullWhereANumberIsUndefined() throws Exception {
        JsonReader reader = new JsonReader(new StringReader(JSON));
        reader.setStrictness(Strictness.STRICT);  // NaN or Infinity would fail here
        JsonObject json = JsonParser.parseReader(reader).getAsJsonObject();
        JsonObject toy = json.getAsJsonArray("experiments").get(0).getAsJsonObject();
        assertThat(toy.get("paper").isJsonNull()).isTrue();
        JsonObject diverged = toy.getAsJsonObject("recipes").getAsJsonObject("tuned").getAsJsonArray("runs").get(1).getAsJsonObject();
        assertThat(diverged.get("test_accuracy").isJsonNull()).isTrue();
        assertThat(diverged.get("diverged").getAsString()).isEqualTo("the loss became NaN at iteration 3");
    }

    @Test
    void accuraciesAreFractionsRoundedAndTheUnitIsStated() {
        JsonObject json = JsonParser.parseString(JSON).getAsJsonObject();
        assertThat(json.getAsJsonObject("units").get("accuracy").getAsString()).startsWith("fraction in 0..1");
        JsonObject plain = json.getAsJsonArray("experiments").get(0).getAsJsonObject().getAsJsonObject("recipes").getAsJsonObject("plain");
        // mean of 0.8464, 0.8539, 0.8217 is 0.840666..., sample sd 0.016848...: six decimals
        assertThat(plain.get("test_accuracy_mean").getAsString()).isEqualTo("0.840667");
        assertThat(plain.get("test_accuracy_std").getAsString()).isEqualTo("0.016848");
        assertThat(plain.getAsJsonArray("runs").get(0).getAsJsonObject().get("test_accuracy").getAsString()).isEqualTo("0.8464");
        assertThat(JSON).doesNotContainPattern("\\d\\.\\d{7,}");
    }

    @Test
    void everyKeyIsSnakeCase() {
        Matcher keys = Pattern.compile("\"([^\"]+)\":").matcher(JSON);
        int n = 0;
        while (keys.find()) {
            assertThat(keys.group(1)).matches("[a-z0-9]+(_[a-z0-9]+)*");
            n++;
        }
        assertThat(n).isGreaterThan(50);
    }

    @Test
    void theTidyingRoundsNestedNumbersAndNullsTheUndefined() {
        Object tidy = ResultsJson.tidy(Map.of("a", List.of(0.8742999999999999, Double.NaN), "b", new double[] {Double.POSITIVE_INFINITY, 1.0 / 3}));
        assertThat(tidy).isEqualTo(Map.of("a", java.util.Arrays.asList(0.8743, null), "b", java.util.Arrays.asList(null, 0.333333)));
    }

    @Test
    void theReportShowsTheNumbersOfTheResults() {
        // REPORT.md and results.json come from the same results: every mean ± sd, initial loss and
        // diverged count of results.json appears in the report's row for its recipe.
        ReportAgreement.assertAgree(ReportMarkdown.render(RESULTS, null, null, HandMadeResults.context(false)), JSON);
    }
}
