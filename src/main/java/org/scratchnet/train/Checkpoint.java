package org.scratchnet.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.SplitMix;
import org.scratchnet.UserException;
import org.scratchnet.data.ContentHash;
import org.scratchnet.data.Dataset;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.CheckpointFile;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.State;
import org.scratchnet.schedule.Schedule;

/**
 * A training run as it stands after one of its updates, saved so that it can continue exactly:
 * the weights (as the engine stores them), the optimiser's state (its update count and per-weight
 * arrays), the schedule's state, every random generator's state (the shuffle's and each dropout
 * layer's) with the examples' current order, the step and the figures gathered since the last
 * history row, the history (with the learning-rate changes made from the dashboard), the judgement of the epochs with the best epoch's weights, and what
 * the run was: its settings, its network, its data's fingerprint and the caller's own options
 * (the command line that started it). {@link CheckpointFile} keeps it whole.
 *
 * <p>A run resumed from a checkpoint draws the same batches and dropout masks and makes the same
 * updates, so it ends with the same bits as a run that was never interrupted. That holds only for
 * the same settings, network and data, which {@link #requireFits} checks before anything is
 * restored: a checkpoint from another run is refused in one line.
 */
public final class Checkpoint {
    /** The file name ending of a checkpoint beside its model: {@code NAME.checkpoint} for {@code NAME.safetensors}. */
    public static final String SUFFIX = ".checkpoint";

    private final Path file;
    private final CheckpointFile.Contents contents;
    private final JsonObject header;

    private Checkpoint(Path file, CheckpointFile.Contents contents) {
        this.file = file;
        this.contents = contents;
        this.header = contents.header();
    }

    /** Reads a checkpoint and checks that it is whole (format, version, checksum); whether it fits a run is checked on resume. */
    public static Checkpoint read(Path file) {
        Checkpoint c = new Checkpoint(file, CheckpointFile.read(file));
        try {
            c.requireDescribed();
        } catch (RuntimeException e) {
            if (e instanceof UserException u) throw u;
            throw c.malformed();
        }
        return c;
    }

    /**
     * Every field that {@code info} and the start of a resumed run read is there and of its kind:
     * the checksum only proves that the file is as it was written, not that a ScratchNet wrote it,
     * so a hand-made file with a valid checksum is checked like any other input.
     */
    private void requireDescribed() {
        double seconds = seconds();  // NaN where it is not recorded: shown as such, never computed with
        if (step() < 0 || samples() < 0 || epoch() < 0 || seconds < 0 || Double.isInfinite(seconds)) throw malformed();
        options();
        architecture();
        lastRecord();
        JsonObject settings = header.getAsJsonObject("settings");
        if (settings == null) throw malformed();
        for (String name : settings.keySet()) settings.get(name).getAsString();  // each a string, as settings(config) writes them
        for (String name : new String[] {"engine", "data"}) header.get(name).getAsString();
    }

    /** The path of the checkpoint beside {@code model}: {@code NAME.checkpoint} for {@code NAME.safetensors}. */
    public static Path besideModel(Path model) {
        if (model.getFileName() == null) return model;
        String name = model.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return model.resolveSibling(stem + SUFFIX);
    }

    public Path file() {
        return file;
    }

    /** The options the caller saved with the run (the command line that started it), as given. */
    public List<String> options() {
        List<String> options = new ArrayList<>();
        for (JsonElement e : header.getAsJsonArray("options")) options.add(e.getAsString());
        return options;
    }

    /** Updates the run had made. */
    public int step() {
        return position().get("step").getAsInt();
    }

    /** Examples the run had trained on (every update's batch). */
    public long samples() {
        return position().get("samples").getAsLong();
    }

    /** The epoch of the last update made. */
    public int epoch() {
        return position().get("epoch").getAsInt();
    }

    /** Seconds the run had trained for until this checkpoint (pauses left out). */
    public double seconds() {
        return value(position().get("seconds"));
    }

    /** A setting of the run (a component of its TrainingConfig) as its value prints, or null if not recorded. */
    public String setting(String name) {
        JsonObject saved = header.getAsJsonObject("settings");
        JsonElement v = saved == null ? null : saved.get(name);
        return v == null || !v.isJsonPrimitive() ? null : v.getAsString();
    }

    /** The network the run trains, as {@code Architecture.toString()} writes it. */
    public String architecture() {
        return header.get("architecture").getAsString();
    }

    /** The run's last history row (what it measured at its last record), or null before the first. */
    public History.Row lastRecord() {
        JsonArray rows = header.getAsJsonArray("history");
        if (rows == null || rows.isEmpty()) return null;
        try {
            JsonArray r = rows.get(rows.size() - 1).getAsJsonArray();
            return new History.Row(r.get(0).getAsInt(), r.get(1).getAsInt(), r.get(2).getAsLong(), value(r.get(3)), value(r.get(4)),
                    value(r.get(5)), value(r.get(6)), value(r.get(7)), value(r.get(8)));
        } catch (RuntimeException e) {
            throw malformed();
        }
    }

    // ------------------------------------------------------------------ writing

    /** What writes the run's checkpoint now (between two updates). */
    static AtomicFiles.Writer writer(RunState run, Network net, Optimizer optimizer, Schedule schedule, TrainingConfig config,
                                     String data, int epoch, double seconds, List<String> options) {
        JsonObject h = new JsonObject();
        h.add("settings", settings(config));
        h.addProperty("architecture", net.architecture().toString());
        h.addProperty("engine", net.engine().getClass().getName());
        h.addProperty("data", data);
        JsonArray given = new JsonArray();
        options.forEach(given::add);
        h.add("options", given);

        JsonObject position = new JsonObject();
        position.addProperty("step", run.step);
        position.addProperty("epoch", epoch);
        position.addProperty("samples", run.samples);
        position.add("loss_since_record", number(run.lossSinceRecord));
        position.addProperty("correct_since_record", run.correctSinceRecord);
        position.addProperty("samples_since_record", run.samplesSinceRecord);
        position.add("seconds", number(seconds));
        position.addProperty("stopped_epoch", run.stoppedEpoch);
        h.add("position", position);

        JsonArray rows = new JsonArray();
        for (History.Row r : run.history.rows()) {
            JsonArray row = new JsonArray();
            row.add(r.iteration());
            row.add(r.epoch());
            row.add(r.samples());
            for (double v : new double[] {r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(), r.seconds(),
                    r.learningRate()}) {
                row.add(number(v));
            }
            rows.add(row);
        }
        h.add("history", rows);
        JsonArray changes = new JsonArray();
        for (RateChange c : run.history.rateChanges()) {
            JsonArray change = new JsonArray();
            change.add(c.step());
            change.add(c.rate());  // floats, written so that they read back to the same bits
            change.add(c.scheduled());
            changes.add(change);
        }
        h.add("rate_changes", changes);

        BestEpoch.State best = run.best.state();
        JsonObject judged = new JsonObject();
        judged.addProperty("epoch", best.epoch());
        judged.add("validation_loss", number(best.validationLoss()));
        judged.add("validation_accuracy", number(best.validationAccuracy()));
        judged.addProperty("epochs_without_improvement", best.epochsWithoutImprovement());
        h.add("best", judged);

        JsonObject random = new JsonObject();
        random.add("shuffle", generator(run.shuffle.state()));
        JsonArray dropout = new JsonArray();
        for (SplitMix g : net.dropoutGenerators()) dropout.add(generator(g.state()));
        random.add("dropout", dropout);
        h.add("random", random);

        State state = optimizer.state();
        JsonObject opt = new JsonObject();
        opt.addProperty("updates", state.updates());
        JsonArray names = new JsonArray();
        state.all().keySet().forEach(names::add);
        opt.add("arrays", names);
        h.add("optimizer", opt);

        JsonObject sched = new JsonObject();
        schedule.state().forEach((k, v) -> sched.add(k, number(v)));
        h.add("schedule", sched);

        Map<String, float[]> floats = new LinkedHashMap<>();
        List<Parameter> params = net.parameters();
        for (int k = 0; k < params.size(); k++) floats.put("parameters." + k, params.get(k).value);
        List<float[]> buffers = net.buffers();
        for (int k = 0; k < buffers.size(); k++) floats.put("buffers." + k, buffers.get(k));
        state.all().forEach((name, arrays) -> {
            for (int k = 0; k < arrays.length; k++) floats.put("optimizer." + name + "." + k, arrays[k]);
        });
        if (run.bestWeights != null && run.best.epoch() > 0) {
            for (int k = 0; k < run.bestWeights.length; k++) floats.put("best." + k, run.bestWeights[k]);
        }
        Map<String, int[]> ints = new LinkedHashMap<>();
        if (!config.fullBatch()) ints.put("order", run.order);  // full batches never shuffle
        return CheckpointFile.writer(new CheckpointFile.Contents(h, floats, ints));
    }

    /** Each setting of the run by name, as its value prints: what a resumed run must match, setting by setting. */
    private static JsonObject settings(TrainingConfig config) {
        JsonObject o = new JsonObject();
        for (RecordComponent c : TrainingConfig.class.getRecordComponents()) {
            try {
                o.addProperty(c.getName(), String.valueOf(c.getAccessor().invoke(config)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a record's accessor is public", e);
            }
        }
        return o;
    }

    /** A fingerprint of the training and validation sets, so that a run is not resumed on other data. */
    static String dataFingerprint(Dataset train, Dataset validation) {
        String v = validation == null || validation.size == 0 ? "none" : validation.size + ":" + ContentHash.sha256(validation);
        return "train " + train.size + ":" + ContentHash.sha256(train) + ", validation " + v;
    }

    // ------------------------------------------------------------------ resuming

    /**
     * Refuses, in one line, a checkpoint that is not of this run: other settings, another network
     * or engine, other data.
     */
    void requireFits(TrainingConfig config, Network net, String data) {
        try {
            requireSameRun(config, net, data);
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed();
        }
    }

    private void requireSameRun(TrainingConfig config, Network net, String data) {
        JsonObject saved = header.getAsJsonObject("settings");
        JsonObject now = settings(config);
        for (String name : now.keySet()) {
            JsonElement was = saved.get(name);
            if (was == null || !was.equals(now.get(name))) {
                throw new UserException(file + " was made by another run: its " + name + " is " + (was == null ? "not recorded"
                        : was.getAsString()) + ", this run's is " + now.get(name).getAsString()
                        + "; resume it with the settings it was made with, or start a new run");
            }
        }
        String architecture = header.get("architecture").getAsString();
        if (!architecture.equals(net.architecture().toString())) {
            throw new UserException(file + " holds the network " + architecture + ", not " + net.architecture()
                    + "; resume it with the network it was made with, or start a new run");
        }
        String engine = header.get("engine").getAsString();
        if (!engine.equals(net.engine().getClass().getName())) {
            throw new UserException(file + " was made on another engine (" + engine + "), whose weights are laid out otherwise;"
                    + " resume it on that engine");
        }
        if (!data.equals(header.get("data").getAsString())) {
            throw new UserException(file + " was made on other data (" + header.get("data").getAsString().replaceAll(":[0-9a-f]{64}", "")
                    + " examples, or the same number of other ones); resume it on the data it was made with, or start a new run");
        }
    }

    /** Puts the saved run in place: the weights, optimiser, schedule, generators and the loop's state. */
    void restore(RunState run, Network net, Optimizer optimizer, Schedule schedule) {
        try {
            List<Parameter> params = net.parameters();
            for (int k = 0; k < params.size(); k++) copy(floats("parameters." + k), params.get(k).value, "parameters." + k);
            List<float[]> buffers = net.buffers();
            for (int k = 0; k < buffers.size(); k++) copy(floats("buffers." + k), buffers.get(k), "buffers." + k);
            JsonObject opt = header.getAsJsonObject("optimizer");
            Map<String, float[][]> arrays = new LinkedHashMap<>();
            for (JsonElement name : opt.getAsJsonArray("arrays")) {
                float[][] one = new float[params.size()][];
                for (int k = 0; k < one.length; k++) {
                    one[k] = floats("optimizer." + name.getAsString() + "." + k);
                    if (one[k].length != params.get(k).size()) throw malformed();
                }
                arrays.put(name.getAsString(), one);
            }
            optimizer.state().restore(opt.get("updates").getAsLong(), arrays);
            Map<String, Double> sched = new LinkedHashMap<>();
            header.getAsJsonObject("schedule").entrySet().forEach(e -> sched.put(e.getKey(), value(e.getValue())));
            schedule.restore(sched);

            JsonObject random = header.getAsJsonObject("random");
            run.shuffle.restore(generator(random.getAsJsonArray("shuffle")));
            List<SplitMix> dropout = net.dropoutGenerators();
            JsonArray savedDropout = random.getAsJsonArray("dropout");
            if (savedDropout.size() != dropout.size()) throw malformed();
            for (int i = 0; i < dropout.size(); i++) dropout.get(i).restore(generator(savedDropout.get(i).getAsJsonArray()));
            int[] order = contents.ints().get("order");
            if (order != null) {
                copy(order, run.order);
                requirePermutation(run.order);
            }

            JsonObject position = position();
            run.step = position.get("step").getAsInt();
            run.samples = position.get("samples").getAsLong();
            run.lossSinceRecord = value(position.get("loss_since_record"));
            run.correctSinceRecord = position.get("correct_since_record").getAsLong();
            run.samplesSinceRecord = position.get("samples_since_record").getAsLong();
            run.secondsBefore = value(position.get("seconds"));
            run.stoppedEpoch = position.get("stopped_epoch").getAsInt();
            if (run.step < 0 || run.samples < 0 || run.stoppedEpoch < 0 || run.correctSinceRecord < 0 || run.samplesSinceRecord < 0) {
                throw malformed();
            }
            for (JsonElement e : header.getAsJsonArray("history")) {
                JsonArray r = e.getAsJsonArray();
                run.history.add(new History.Row(r.get(0).getAsInt(), r.get(1).getAsInt(), r.get(2).getAsLong(), value(r.get(3)),
                        value(r.get(4)), value(r.get(5)), value(r.get(6)), value(r.get(7)), value(r.get(8))));
            }
            JsonArray changes = header.getAsJsonArray("rate_changes");  // absent from checkpoints made before rate changes
            if (changes != null) {
                for (JsonElement e : changes) {
                    JsonArray c = e.getAsJsonArray();
                    RateChange change = new RateChange(c.get(0).getAsInt(), c.get(1).getAsFloat(), c.get(2).getAsFloat());
                    if (!(change.rate() > 0f && change.scheduled() >= 0f) || !Float.isFinite(change.rate())
                            || !Float.isFinite(change.scheduled())) {
                        throw malformed();
                    }
                    run.history.rateChanged(change);
                }
            }
            JsonObject best = header.getAsJsonObject("best");
            run.best = new BestEpoch(run.best.rule(), new BestEpoch.State(best.get("epoch").getAsInt(), value(best.get("validation_loss")),
                    value(best.get("validation_accuracy")), best.get("epochs_without_improvement").getAsInt()));
            if (run.bestWeights != null && run.best.epoch() > 0) {
                for (int k = 0; k < run.bestWeights.length; k++) copy(floats("best." + k), run.bestWeights[k], "best." + k);
            }
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed();
        }
    }

    private JsonObject position() {
        return header.getAsJsonObject("position");
    }

    private float[] floats(String name) {
        float[] v = contents.floats().get(name);
        if (v == null) throw malformed();
        return v;
    }

    private void copy(float[] from, float[] to, String name) {
        if (from.length != to.length) throw malformed();
        System.arraycopy(from, 0, to, 0, to.length);
    }

    /** The batch order must hold each example once: anything else would index past the training set. */
    private void requirePermutation(int[] order) {
        boolean[] seen = new boolean[order.length];
        for (int i : order) {
            if (i < 0 || i >= order.length || seen[i]) throw malformed();
            seen[i] = true;
        }
    }

    private void copy(int[] from, int[] to) {
        if (from.length != to.length) throw malformed();
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private UserException malformed() {
        return new UserException(file + " is a damaged checkpoint: its contents do not describe a training run this build can"
                + " continue; resume from another checkpoint or start the run again");
    }

    private static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;  // NaN (no validation set) as null: strict JSON
    }

    private static double value(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static JsonArray generator(SplitMix.State s) {
        JsonArray a = new JsonArray();
        a.add(s.seed());
        a.add(s.gamma());
        return a;
    }

    private static SplitMix.State generator(JsonArray a) {
        if (a.size() != 2) throw new IllegalArgumentException("a generator is two numbers");
        return new SplitMix.State(a.get(0).getAsLong(), a.get(1).getAsLong());
    }
}
