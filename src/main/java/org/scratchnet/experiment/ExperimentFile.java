package org.scratchnet.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.config.PerLayer;
import org.scratchnet.config.Recipe;
import org.scratchnet.train.EarlyStopping;
import org.scratchnet.train.Keep;
import org.scratchnet.train.Monitor;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.InputFiles;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Length;
import org.scratchnet.train.Recording;
import org.scratchnet.train.TrainingConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an experiment file: YAML, one experiment per file, every field checked. A mistake ends
 * in one message naming the file and the field ("1-baseline.yaml: recipes.as_described.learning_rate
 * must be a positive number, got 'fast'"); unknown fields are errors too, so a misspelt field
 * never silently falls back to a default. {@code experiments/paper/1-baseline.yaml} shows the
 * format with comments. Files of the first format, with the paper's two recipes {@code as_described}
 * and {@code done_right} at the top level instead of under {@code recipes}, still read.
 */
public final class ExperimentFile {
    private static final Set<String> TOP = Set.of("name", "title", "description", "paper", "seeds", "recipes",
            "as_described", "done_right", "choices", "explanation", "compare_with");
    /** The paper's two recipes, accepted at the top level as in the first version of the format. */
    private static final List<String> LEGACY_RECIPES = List.of("as_described", "done_right");
    private static final String SLUG = "[a-z0-9][a-z0-9-]*";
    private static final String RECIPE_NAME = "[a-z0-9][a-z0-9_-]*";
    private static final Set<String> PAPER = Set.of("figure", "train_accuracy", "test_accuracy", "note");
    private static final Set<String> RUN = runKeys();

    /** A recipe that names no schedule runs at a constant rate, as every file did before schedules existed. */
    static final ScheduleSpec DEFAULT_SCHEDULE = ScheduleSpec.constant();

    /** A recipe's fields: its own, then each optimiser and schedule setting by its name (momentum, beta1, warmup, ...). */
    private static Set<String> runKeys() {
        Set<String> keys = new LinkedHashSet<>(List.of("layers", "activation", "dropout", "input_dropout", "noise", "batch_norm", "init", "optimizer",
                "learning_rate", "batch", "iterations", "epochs", "record_every", "keep", "monitor", "patience", "min_delta",
                "schedule", "augment"));
        for (OptimizerSpec.Setting s : OptimizerSpec.Setting.values()) keys.add(s.id());
        for (ScheduleSpec.Setting s : ScheduleSpec.Setting.values()) keys.add(s.id());
        for (AugmentationSpec.Setting s : AugmentationSpec.Setting.values()) keys.add(s.id());
        return Collections.unmodifiableSet(keys);
    }

    /**
     * A curve point when the file gives no record_every: about 50 over the run, at most 10 per
     * epoch (each point is a pass over the validation set).
     */
    static final Recording DEFAULT_RECORDING = Recording.aboutPoints(50);

    private final String source;

    private ExperimentFile(String source) {
        this.source = source;
    }

    /** Experiment files are a page of YAML; anything this large is the wrong file. */
    static final long MAX_BYTES = 1 << 20;

    public static Experiment read(Path file) {
        return parse(readText(file, "experiment file", "experiments/paper/1-baseline.yaml"), file.toString());
    }

    /**
     * The text of a YAML file of ours ({@code what}: "experiment file", "sweep file"), checked as
     * an experiment file is: it exists, is a regular file, is at most {@link #MAX_BYTES}, and is
     * UTF-8. {@code example} is a path to show when the file is missing.
     */
    public static String readText(Path file, String what, String example) {
        if (!InputFiles.existsAtAll(file)) {
            throw new UserException(file + " does not exist: give the path of an " + what + ", e.g. " + example);
        }
        InputFiles.requireRegularFile(file, what);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UserException("cannot read " + what + " " + file + ": " + AtomicFiles.describe(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw new UserException(file + " is larger than " + MAX_BYTES / 1024 + " KB: " + article(what) + what + " is a page of YAML;"
                    + " is this the right file?");
        }
        return Utf8Text.decode(bytes, file.toString());
    }

    /** Reads a file bundled in the jar (the paper's set). */
    static Experiment readResource(String resource) {
        try (InputStream in = ExperimentFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing bundled experiment " + resource);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled experiment " + resource, e);
        }
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
    }

    /** Parses the text of an experiment file; {@code source} names it in error messages. */
    public static Experiment parse(String text, String source) {
        return new ExperimentFile(source).experiment(yaml(text, source));
    }

    /** The YAML document in {@code text} as plain values (maps, lists, text, numbers), or one line saying why it is not YAML. */
    public static Object yaml(String text, String source) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw notYaml(source, e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").trim());
        } catch (NumberFormatException e) {
            // SnakeYAML reads 1:30 as a base-60 integer and parses its first part as a long without
            // checking its size, so a huge one escapes as this instead of a YAMLException.
            throw notYaml(source, "a number too large to read (" + OneLine.excerpt(String.valueOf(e.getMessage()), 80)
                    + "); quote it if it is meant as text");
        } catch (IllegalArgumentException e) {
            // The same for a value the tag's constructor refuses, e.g. !!binary with a character not in base64.
            throw notYaml(source, "a tagged value cannot be read (" + OneLine.excerpt(String.valueOf(e.getMessage()), 80) + ")");
        }
    }

    private static UserException notYaml(String source, String why) {
        return new UserException(OneLine.of(source + " is not valid YAML: " + why));
    }

    private Experiment experiment(Object root) {
        Map<String, Object> m = map(root, "the file");
        only(m, TOP, "");
        String name = string(m, "name", "");
        if (!name.matches(SLUG)) {
            throw fail("name", "must be a short slug of lowercase letters, digits and dashes (it names the figure files), got '" + name + "'");
        }
        String title = string(m, "title", "");
        Experiment.Paper paper = m.get("paper") == null ? null : paper(map(m.get("paper"), "paper"));
        List<Long> seeds = seeds(require(m, "seeds", ""));
        List<Experiment.NamedRecipe> recipes = recipes(m);
        String compareWith = optionalText(m, "compare_with");
        if (!compareWith.isEmpty() && (!compareWith.matches(SLUG) || compareWith.equals(name))) {
            throw fail("compare_with", "must name another experiment (its name: field), got '" + compareWith + "'");
        }
        return new Experiment(name, title, optionalText(m, "description"), paper, seeds, recipes,
                optionalText(m, "choices"), optionalText(m, "explanation"), compareWith, source);
    }

    /** The recipes under recipes:, or the paper's two at the top level (the first format). */
    private List<Experiment.NamedRecipe> recipes(Map<String, Object> m) {
        List<Experiment.NamedRecipe> recipes = new ArrayList<>();
        boolean legacy = LEGACY_RECIPES.stream().anyMatch(m::containsKey);
        if (m.containsKey("recipes")) {
            if (legacy) {
                String key = LEGACY_RECIPES.stream().filter(m::containsKey).findFirst().orElseThrow();
                throw fail(key, "belongs under recipes: (the file has a recipes: list; put every recipe there)");
            }
            Map<String, Object> all = map(m.get("recipes"), "recipes");
            if (all.isEmpty()) throw fail("recipes", "must name at least one recipe, like 'baseline: {layers: [784, 10, 10], ...}'");
            for (Map.Entry<String, Object> r : all.entrySet()) {
                if (!r.getKey().matches(RECIPE_NAME)) {
                    throw fail("recipes." + r.getKey(), "is not a usable recipe name: use lowercase letters, digits, "
                            + "dashes and underscores (it names the figure files), like done_right");
                }
                String prefix = "recipes." + r.getKey();
                recipes.add(new Experiment.NamedRecipe(r.getKey(), run(map(r.getValue(), prefix), prefix + ".")));
            }
        } else if (legacy) {
            for (String key : LEGACY_RECIPES) {
                recipes.add(new Experiment.NamedRecipe(key, run(map(require(m, key, ""), key), key + ".")));
            }
        } else {
            throw fail("recipes", "is missing: name one or more recipes to run, each with its layers, init, optimizer, "
                    + "learning_rate, batch and iterations or epochs");
        }
        return recipes;
    }

    /**
     * Checks what only the whole set of experiments of one run can tell: names are distinct (they
     * name the figure files) and each compare_with names one of them.
     */
    public static void checkTogether(List<Experiment> experiments) {
        Map<String, Experiment> byName = new java.util.HashMap<>();
        for (Experiment e : experiments) {
            Experiment other = byName.putIfAbsent(e.name(), e);
            if (other != null) {
                throw new UserException(e.source() + ": name '" + e.name() + "' is also the name of " + other.source()
                        + "; experiments run together need names of their own (they name the figure files)");
            }
        }
        for (Experiment e : experiments) {
            if (!e.compareWith().isEmpty() && !byName.containsKey(e.compareWith())) {
                throw new UserException(e.source() + ": compare_with names '" + e.compareWith()
                        + "', which is not among the experiments of this run; run its file too, or drop compare_with");
            }
        }
    }

    private Experiment.Paper paper(Map<String, Object> m) {
        only(m, PAPER, "paper.");
        int figure = m.containsKey("figure") ? positiveInt(m.get("figure"), "paper.figure") : 0;
        return new Experiment.Paper(figure, percent(m, "train_accuracy"), percent(m, "test_accuracy"), optionalText(m, "note"));
    }

    private double percent(Map<String, Object> m, String key) {
        if (!m.containsKey(key) || m.get(key) == null) return Double.NaN;
        double v = number(m.get(key), "paper." + key);
        if (v < 0 || v > 100) throw fail("paper." + key, "is a percentage between 0 and 100, got " + v);
        return v;
    }

    private List<Long> seeds(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw fail("seeds", "must be a list of one or more integers, like [1, 2, 3], got " + shown(value));
        }
        Set<Long> seeds = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof Integer || o instanceof Long)) throw fail("seeds", "must hold integers, got " + shown(o));
            if (!seeds.add(((Number) o).longValue())) throw fail("seeds", "lists seed " + o + " twice");
        }
        return List.copyOf(seeds);
    }

    /** The fields a recipe may give (layers, learning_rate, ..., each optimiser and schedule setting), for other files that hold recipes. */
    public static Set<String> recipeFields() {
        return RUN;
    }

    /**
     * A recipe from its fields as an experiment file gives them (YAML's values: numbers, text,
     * lists), checked exactly as a recipe of an experiment file is: the one reader of recipes,
     * for other files that hold them (a sweep's trials). A mistake is one line starting
     * {@code source: prefix+field}.
     */
    public static Recipe recipe(Map<String, Object> fields, String source, String prefix) {
        return new ExperimentFile(source).run(fields, prefix);
    }

    /** The name among {@code names} within two edits of a misspelt {@code word}, or null: for "did you mean" hints. */
    public static String closestName(String word, Set<String> names) {
        return closest(word, names);
    }

    private Recipe run(Map<String, Object> m, String prefix) {
        only(m, RUN, prefix);
        int[] layers = layers(require(m, "layers", prefix), prefix + "layers");
        int hidden = layers.length - 2;
        List<Activation> activations = PerLayer.read(oneOrList(m.getOrDefault("activation", "relu")), hidden,
                v -> activation(v, prefix + "activation"), source + ": " + prefix + "activation", "name", "the network");
        List<Float> rates = PerLayer.read(oneOrList(m.getOrDefault("dropout", 0)), hidden,
                v -> dropoutRate(v, prefix + "dropout"), source + ": " + prefix + "dropout", "rate", "the network");
        float[] dropout = new float[hidden];
        for (int i = 0; i < hidden; i++) dropout[i] = rates.get(i);
        float inputDropout = m.containsKey("input_dropout") ? dropoutRate(m.get("input_dropout"), prefix + "input_dropout")
                : Architecture.DEFAULT_INPUT_DROPOUT;
        float noise = m.containsKey("noise") ? noise(m.get("noise"), prefix + "noise") : Architecture.DEFAULT_NOISE;
        boolean batchNorm = m.containsKey("batch_norm") ? bool(m.get("batch_norm"), prefix + "batch_norm") : Architecture.DEFAULT_BATCH_NORM;
        Initializer init;
        try {
            init = Initializer.parse(string(m, "init", prefix));
        } catch (UserException e) {
            throw fail(prefix + "init", e.getMessage());
        }
        String optimizerName = string(m, "optimizer", prefix);
        double lr = number(require(m, "learning_rate", prefix), prefix + "learning_rate");
        float alpha = (float) lr;  // as the optimisers use it: a positive double can round to 0 or overflow as a float
        if (!(alpha > 0) || Float.isInfinite(alpha)) throw fail(prefix + "learning_rate", "must be a positive number, got " + lr);
        OptimizerSpec optimizer;
        try {
            optimizer = OptimizerSpec.parse(optimizerName, alpha);
        } catch (UserException e) {
            throw fail(prefix + "optimizer", e.getMessage());
        }
        for (OptimizerSpec.Setting setting : OptimizerSpec.Setting.values()) {
            if (!m.containsKey(setting.id())) continue;
            float value = (float) number(m.get(setting.id()), prefix + setting.id());
            try {
                optimizer = optimizer.with(setting, value);
            } catch (UserException e) {
                throw failWithin(prefix, e);  // "beta1 does not apply to sgd: ...", "beta1 must be ..."
            }
        }
        ScheduleSpec schedule = DEFAULT_SCHEDULE;
        try {
            if (m.containsKey("schedule")) schedule = ScheduleSpec.parse(string(m, "schedule", prefix));
        } catch (UserException e) {
            throw fail(prefix + "schedule", e.getMessage());
        }
        for (ScheduleSpec.Setting setting : ScheduleSpec.Setting.values()) {
            if (!m.containsKey(setting.id())) continue;
            double value = number(m.get(setting.id()), prefix + setting.id());
            try {
                schedule = schedule.with(setting, value);
            } catch (UserException e) {
                throw failWithin(prefix, e);
            }
        }
        AugmentationSpec augmentation = AugmentationSpec.none();
        if (m.containsKey("augment")) {
            String kind = string(m, "augment", prefix);
            augmentation = named(prefix + "augment", () -> AugmentationSpec.parse(kind));
        }
        for (AugmentationSpec.Setting setting : AugmentationSpec.Setting.values()) {
            if (!m.containsKey(setting.id())) continue;
            double value = number(m.get(setting.id()), prefix + setting.id());
            try {
                augmentation = augmentation.with(setting, value);
            } catch (UserException e) {
                throw failWithin(prefix, e);  // "elastic_sigma does not apply to augment affine: ...", "shift must be ..."
            }
        }
        Object b = require(m, "batch", prefix);
        int batch = "full".equals(b) ? TrainingConfig.FULL_BATCH : positiveInt(b, prefix + "batch");
        boolean hasIterations = m.containsKey("iterations");
        if (hasIterations == m.containsKey("epochs")) {
            throw fail(prefix + "iterations", "give exactly one of iterations (number of updates) and epochs (passes over the data)");
        }
        Length length = hasIterations ? Length.iterations(positiveInt(m.get("iterations"), prefix + "iterations"))
                : Length.epochs(positiveInt(m.get("epochs"), prefix + "epochs"));
        Recording recording = m.containsKey("record_every")
                ? Recording.every(positiveInt(m.get("record_every"), prefix + "record_every")) : DEFAULT_RECORDING;
        EarlyStopping stopping = earlyStopping(m, prefix);
        try {
            return Recipe.builder().architecture(new Architecture(layers, activations.toArray(new Activation[0]), dropout, inputDropout, noise, batchNorm))
                    .init(init).optimizer(optimizer).schedule(schedule).batchSize(batch).length(length).recording(recording)
                    .earlyStopping(stopping).augmentation(augmentation).build();
        } catch (UserException e) {
            throw failWithin(prefix, e);  // settings that do not go together: "cycle_momentum cycles the optimiser's momentum, and gd has none: ..."
        }
    }

    /** keep, monitor, patience and min_delta, each replacing its own default of {@link EarlyStopping#DEFAULT}. */
    private EarlyStopping earlyStopping(Map<String, Object> m, String prefix) {
        EarlyStopping stopping = EarlyStopping.DEFAULT;
        if (m.containsKey("keep")) {
            String keep = string(m, "keep", prefix);
            stopping = stopping.withKeep(named(prefix + "keep", () -> Keep.parse(keep)));
        }
        if (m.containsKey("monitor")) {
            String monitor = string(m, "monitor", prefix);
            stopping = stopping.withMonitor(named(prefix + "monitor", () -> Monitor.parse(monitor)));
        }
        if (m.containsKey("patience")) stopping = stopping.withPatience(positiveInt(m.get("patience"), prefix + "patience"));
        if (m.containsKey("min_delta")) {
            double delta = number(m.get("min_delta"), prefix + "min_delta");
            if (!(delta >= 0) || Double.isInfinite(delta)) throw fail(prefix + "min_delta", "must be a finite number of at least 0, got " + delta);
            stopping = stopping.withMinDelta(delta);
        }
        return stopping;
    }

    /** A name read by its type's parser, whose one-line refusal is given this file and field. */
    private <T> T named(String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (UserException e) {
            throw fail(field, e.getMessage());
        }
    }

    private int[] layers(Object value, String field) {
        if (!(value instanceof List<?> list) || list.size() < 2) {
            throw fail(field, "must list the layer sizes from input to output, like [784, 10, 10], got " + shown(value));
        }
        int[] sizes = new int[list.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = positiveInt(list.get(i), field);
        return sizes;
    }

    /** A field's values: the items of a list, or the one value given for every hidden layer. */
    private static List<Object> oneOrList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : Collections.singletonList(value);  // null is a value too: refused by its reader
    }

    private Activation activation(Object value, String field) {
        try {
            return Activation.parse(String.valueOf(value));
        } catch (UserException e) {
            throw fail(field, e.getMessage());
        }
    }

    private float noise(Object value, String field) {
        double sigma = number(value, field);
        if (!(sigma >= 0 && sigma <= 10)) throw fail(field, "is a standard deviation in [0, 10], got " + sigma);
        return (float) sigma;
    }

    private boolean bool(Object value, String field) {
        if (value instanceof Boolean b) return b;
        throw fail(field, "must be true or false, got " + shown(value));
    }

    private float dropoutRate(Object value, String field) {
        double r = number(value, field);
        if (!(r >= 0 && r < 1 && (float) r < 1f)) throw fail(field, "is a rate in [0, 1), got " + r);  // 0.99999999 is 1 as a float
        return (float) r;
    }

    private Object require(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) throw fail(prefix + key, "is missing");
        return v;
    }

    private String string(Map<String, Object> m, String key, String prefix) {
        Object v = require(m, key, prefix);
        if (!(v instanceof String s) || s.isBlank()) throw fail(prefix + key, "must be text, got " + shown(v));
        return s.trim();
    }

    private String optionalText(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) return "";
        if (!(v instanceof String s)) throw fail(key, "must be text, got " + shown(v));
        return s.trim();
    }

    private double number(Object v, String field) {
        if (v instanceof Number n) return n.doubleValue();
        throw fail(field, "must be a number, got " + shown(v));
    }

    private int positiveInt(Object v, String field) {
        if (!(v instanceof Integer i) || i <= 0) throw fail(field, "must be a positive integer, got " + shown(v));
        return i;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String field) {
        if (!(v instanceof Map<?, ?>)) throw fail(field, "must be a set of 'key: value' fields, got " + shown(v));
        for (Object k : ((Map<?, ?>) v).keySet()) {
            if (!(k instanceof String)) throw fail(field, "has a field name that is not text: " + k);
        }
        return (Map<String, Object>) v;
    }

    private void only(Map<String, Object> m, Set<String> allowed, String prefix) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                String closest = closest(k, allowed);
                throw fail(prefix + k, "is not a known field" + (closest != null ? " (did you mean " + closest + "?)" : "")
                        + "; " + (prefix.isEmpty() ? "the file" : prefix.substring(0, prefix.length() - 1))
                        + " takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** The allowed name within two edits of a misspelt one, if there is one. */
    private static String closest(String word, Set<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String name : names) {
            int d = editDistance(word, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(previous[j], row[j - 1]) + 1);
            }
            int[] t = previous;
            previous = row;
            row = t;
        }
        return previous[b.length()];
    }

    private static String shown(Object v) {
        return v == null ? "nothing" : v instanceof String ? "'" + OneLine.excerpt((String) v, 60) + "'" : OneLine.excerpt(String.valueOf(v), 60);
    }

    /** A setting's own message, which starts with the setting's name, placed under the recipe's prefix. */
    private UserException failWithin(String prefix, UserException e) {
        return new UserException(OneLine.of(source + ": " + prefix + e.getMessage()));
    }

    private UserException fail(String field, String message) {
        // A key or a value quoted from the file may hold line breaks; the message stays one line.
        return new UserException(OneLine.of(source + ": " + field + " " + message));
    }
}
