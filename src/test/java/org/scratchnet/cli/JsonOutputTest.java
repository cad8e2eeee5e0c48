package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;

/**
 * What {@code --json} prints is strict JSON (no NaN or Infinity: null where a number is
 * undefined) with snake_case keys, for every command that is cheap enough to run here
 * (train, evaluate, predict, info, data, gradcheck; bench's and reproduce's keys are built the same way
 * and their runs are tested elsewhere).
 */
class JsonOutputTest {

    @Test
    void undefinedNumbersAreWrittenAsNull() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("nan", Double.NaN);
        value.put("infinite", Double.NEGATIVE_INFINITY);
        value.put("float_nan", Float.NaN);
        value.put("floats", new float[] {1.5f, Float.POSITIVE_INFINITY});
        value.put("doubles", new double[] {Double.NaN, 0.25});
        value.put("nested", List.of(Map.of("loss", Double.NaN)));
        value.put("fine", 0.1f);
        String json = Json.toJson(value);
        assertStrict(json);
        assertThat(json.replaceAll("\\s", "")).isEqualTo("{\"nan\":null,\"infinite\":null,\"float_nan\":null,"
                + "\"floats\":[1.5,null],\"doubles\":[null,0.25],\"nested\":[{\"loss\":null}],\"fine\":0.1}");
    }

    @Test
    void everyCommandPrintsStrictJsonWithSnakeCaseKeys(@TempDir Path dir) {
        Random random = new Random(2);
        int n = 60;
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = random.nextInt(256) / 255f;
        for (int i = 0; i < n; i++) y[i] = i % 10;
        Path csv = dir.resolve("train.csv");
        KaggleCsvReader.write(new Dataset(x, y, n, 784, 10, "noise"), csv, true);
        Path model = dir.resolve("m.safetensors");

        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"train", "--csv", csv.toString(), "--layers", "784,16,10", "--iterations", "3", "--out",
                model.toString(), "--json"});
        commands.add(new String[] {"evaluate", "--csv", csv.toString(), "--model", model.toString(), "--json"});
        commands.add(new String[] {"predict", "--csv", csv.toString(), "--model", model.toString(), "--json"});
        commands.add(new String[] {"info", model.toString(), "--json"});
        commands.add(new String[] {"data", "--csv", csv.toString(), "--grid", dir.resolve("g.png").toString(), "--json"});
        commands.add(new String[] {"gradcheck", "--json"});
        for (String[] command : commands) {
            CliEndToEndTest.Result r = run(command);
            assertThat(r.code()).as("%s: %s", command[0], r.err()).isZero();
            assertStrict(r.out());
            List<String> keys = new ArrayList<>();
            collectKeys(JsonParser.parseString(r.out()), keys);
            assertThat(keys).as(command[0]).isNotEmpty().allSatisfy(k -> assertThat(k).as("key in %s", command[0])
                    .matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"));
        }
    }

    /** Parses with Gson's strict mode, which refuses NaN, Infinity and anything after the value. */
    static void assertStrict(String json) {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonParser.parseReader(reader);
            assertThat(reader.peek()).isEqualTo(JsonToken.END_DOCUMENT);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("not strict JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    private static void collectKeys(JsonElement e, List<String> keys) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                keys.add(entry.getKey());
                collectKeys(entry.getValue(), keys);
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(item -> collectKeys(item, keys));
        }
    }
}
