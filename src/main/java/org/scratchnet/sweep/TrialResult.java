package org.scratchnet.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.StrictJson;
import org.scratchnet.io.AtomicFiles;

/**
 * What one trial leaves in the sweep's folder: {@code trials/trial-NNNN.json}, strict JSON,
 * written atomically by the process that ran the trial, so that the file is either absent or
 * whole. It names the sweep, the trial and its values, the whole recipe, the plan it belongs to
 * (the recipe, seed and data as one canonical line: a rerun of a changed sweep file does not take
 * an old result for its own), and what the trial measured on the validation set, never on the test
 * set. {@code "complete": true} is its last field; a file that does not parse, lacks it, or is of
 * another format counts as not run, and is run again.
 *
 * @param data     where the data came from (the folder or file, the training subset): part of the plan
 * @param status   finished, or diverged (the loss became NaN; accuracies are then null)
 * @param history  one row per recorded point: iteration, epoch, train and validation loss and
 *                 accuracy, learning rate
 */
public record TrialResult(String sweep, String title, int trial, int trials, String search, List<Sweep.Varied> varied,
                          Map<String, Object> values, Map<String, Object> fields, long seed, String data, int trainSize,
                          int validationSize, String plan, String status, Double validationAccuracy, Double validationLoss, Double trainAccuracy,
                          Integer bestEpoch, Integer stoppedEpoch, double seconds, String diverged,
                          List<Map<String, Object>> history) {

    public static final String FORMAT = "scratchnet-sweep-trial";
    public static final int FORMAT_VERSION = 1;
    public static final String FINISHED = "finished";
    public static final String DIVERGED = "diverged";
    /** The folder of a sweep's output that holds the trials' files. */
    public static final String FOLDER = "trials";

    private static final Gson PRETTY = StrictJson.finiteOrNull(new GsonBuilder()).serializeNulls().setPrettyPrinting()
            .disableHtmlEscaping().create();
    private static final Gson LINE = StrictJson.finiteOrNull(new GsonBuilder()).serializeNulls().disableHtmlEscaping().create();

    /** {@code trials/trial-0003.json} in {@code dir}. */
    public static Path file(Path dir, int trial) {
        return dir.resolve(FOLDER).resolve(String.format(Locale.ROOT, "trial-%04d.json", trial));
    }

    /** The trial number a result file's name gives, or -1 for a file that is not one. */
    static int trialOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.matches("trial-[0-9]{4,}\\.json")) return -1;
        try {
            return Integer.parseInt(name.substring("trial-".length(), name.length() - ".json".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The plan a trial belongs to, as one canonical line: its recipe's fields, the sweep's seed and
     * training subset, and the data. Two results with the same plan line were made the same way.
     */
    public static String plan(Sweep sweep, Trial trial, String data) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("fields", trial.fields());
        plan.put("seed", sweep.seed());
        plan.put("train_images", sweep.trainImages());
        plan.put("data", data);
        return LINE.toJson(plan);
    }

    public boolean finished() {
        return FINISHED.equals(status);
    }

    /** The file's content: strict JSON with "complete": true last. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", FORMAT_VERSION);
        m.put("sweep", sweep);
        m.put("title", title);
        m.put("trial", trial);
        m.put("trials", trials);
        m.put("search", search);
        List<Map<String, Object>> v = new ArrayList<>();
        for (Sweep.Varied x : varied) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", x.field());
            e.put("scale", x.scale().id);
            v.add(e);
        }
        m.put("varied", v);
        m.put("values", values);
        m.put("recipe", fields);
        m.put("seed", seed);
        m.put("data", data);
        m.put("train_images", trainSize);
        m.put("validation_images", validationSize);
        m.put("plan", plan);
        m.put("status", status);
        m.put("validation_accuracy", validationAccuracy);
        m.put("validation_loss", validationLoss);
        m.put("train_accuracy", trainAccuracy);
        m.put("best_epoch", bestEpoch);
        m.put("stopped_epoch", stoppedEpoch);
        m.put("seconds", seconds);
        m.put("diverged", diverged);
        m.put("history", history);
        m.put("complete", true);
        return PRETTY.toJson(m) + "\n";
    }

    /** Writes this result to its file in {@code dir}, atomically. */
    public void write(Path dir) {
        AtomicFiles.writeString(file(dir, trial), toJson());
    }

    /**
     * The result in {@code file}, or null if it is not a whole result of this format (missing,
     * cut short, not JSON, another format): such a trial has not run.
     */
    public static TrialResult read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > (16 << 20)) return null;
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) return null;
            JsonObject o = root.getAsJsonObject();
            if (!FORMAT.equals(string(o, "format")) || !o.has("format_version") || o.get("format_version").getAsInt() != FORMAT_VERSION
                    || !o.has("complete") || !o.get("complete").isJsonPrimitive() || !o.get("complete").getAsBoolean()) {
                return null;
            }
            List<Sweep.Varied> varied = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("varied")) {
                JsonObject x = e.getAsJsonObject();
                varied.add(new Sweep.Varied(x.get("field").getAsString(), Sweep.Scale.parse(x.get("scale").getAsString())));
            }
            List<Map<String, Object>> history = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("history")) history.add(mapOf(e.getAsJsonObject()));
            TrialResult r = new TrialResult(string(o, "sweep"), string(o, "title"), o.get("trial").getAsInt(), o.get("trials").getAsInt(),
                    string(o, "search"), varied, mapOf(o.getAsJsonObject("values")), mapOf(o.getAsJsonObject("recipe")),
                    o.get("seed").getAsLong(), string(o, "data"), o.get("train_images").getAsInt(),
                    o.get("validation_images").getAsInt(), string(o, "plan"), string(o, "status"),
                    real(o, "validation_accuracy"), real(o, "validation_loss"), real(o, "train_accuracy"),
                    whole(o, "best_epoch"), whole(o, "stopped_epoch"), o.get("seconds").getAsDouble(), string(o, "diverged"), history);
            if (r.trial() != trialOf(file) || r.sweep() == null || r.plan() == null || r.status() == null) return null;
            if (r.finished() && r.validationAccuracy() == null) return null;
            return r;
        } catch (IOException | RuntimeException unreadable) {
            return null;  // cut short, not JSON, fields of the wrong kind: not a result
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Double real(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsDouble();
    }

    private static Integer whole(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsInt();
    }

    private static Map<String, Object> mapOf(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) m.put(e.getKey(), plain(e.getValue()));
        return m;
    }

    /** A JSON value as the YAML reader gives it: whole numbers as Integer (or Long), others as Double, lists, text. */
    static Object plain(JsonElement e) {
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement x : (JsonArray) e) list.add(plain(x));
            return list;
        }
        if (e.isJsonObject()) return mapOf(e.getAsJsonObject());
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return p.getAsBoolean();
        if (p.isString()) return p.getAsString();
        String number = p.getAsNumber().toString();
        if (number.matches("-?[0-9]+")) {
            long v = Long.parseLong(number);
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        return p.getAsDouble();
    }
}
