package org.scratchnet.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scratchnet.Count;
import org.scratchnet.OneLine;
import org.scratchnet.Seeds;
import org.scratchnet.SplitMix;
import org.scratchnet.UserException;
import org.scratchnet.config.Recipe;
import org.scratchnet.experiment.ExperimentFile;

/**
 * Reads a sweep file: YAML, every field checked, a mistake one line naming the file and the field.
 * <pre>
 *   name: lr-width                  a short slug (it names the best recipe's experiment)
 *   title: ...                      (optional) one line for the table and the best recipe
 *   seed: 42                        (optional) the seed of every trial; default 42
 *   train_images: 3000              (optional) train on a stratified subset of this many images
 *   base: {layers: [784, 128, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 128, epochs: 5}
 *   grid:                           every combination of these values ...
 *     learning_rate: [0.001, 0.003]
 *     layers: [[784, 128, 10], [784, 256, 10]]
 *   random:                         ... or so many samples from a space
 *     samples: 20
 *     seed: 1                       (optional) the draws' seed; default: the sweep's seed
 *     space:
 *       learning_rate: {log_uniform: [0.0001, 0.01]}
 *       dropout: {uniform: [0, 0.5]}
 *       epochs: {int_uniform: [5, 20]}
 *       layers: {choice: [[784, 256, 10], [784, 512, 256, 10]]}
 * </pre>
 * The base is a recipe with the fields of an experiment file's recipes; a field that varies may
 * be left out of it. Each trial (the base with its values put in) is read by
 * {@link ExperimentFile#recipe}, the one reader of recipes, before anything runs, so a bad value
 * is refused up front with the trial it makes. A sweep has at most {@value #MAX_TRIALS} trials.
 */
public final class SweepFile {
    public static final int MAX_TRIALS = 10_000;

    private static final Set<String> TOP = Set.of("name", "title", "seed", "train_images", "base", "grid", "random");
    private static final Set<String> RANDOM = Set.of("samples", "seed", "space");
    private static final Set<String> DISTRIBUTIONS = Set.of("log_uniform", "uniform", "int_uniform", "choice");
    private static final String SLUG = "[a-z0-9][a-z0-9-]*";

    private final String source;

    private SweepFile(String source) {
        this.source = source;
    }

    public static Sweep read(Path file) {
        String text = ExperimentFile.readText(file, "sweep file", "experiments/sweeps/lr-width.yaml");
        return parse(text, file.toString());
    }

    /** Parses a sweep file's text; {@code source} names it in messages. */
    public static Sweep parse(String text, String source) {
        return new SweepFile(source).sweep(ExperimentFile.yaml(text, source));
    }

    private Sweep sweep(Object root) {
        Map<String, Object> m = map(root, "the file");
        only(m, TOP, "", "the file takes " + String.join(", ", new TreeSet<>(TOP)));
        Object nameValue = m.get("name");
        if (!(nameValue instanceof String name) || !name.matches(SLUG)) {
            throw fail("name", "must be a short slug of lowercase letters, digits and dashes (it names the best recipe's"
                    + " experiment), like lr-width, got " + shown(nameValue));
        }
        String title = text(m, "title");
        long seed = m.containsKey("seed") ? integer(m.get("seed"), "seed") : Seeds.DEFAULT;
        int trainImages = m.containsKey("train_images") ? positiveInt(m.get("train_images"), "train_images") : 0;
        Map<String, Object> base = m.containsKey("base") ? map(m.get("base"), "base") : null;
        if (base == null) {
            throw fail("base", "is missing: give the recipe every trial starts from, with the fields of an experiment"
                    + " file's recipe (layers, init, optimizer, learning_rate, batch, epochs, ...)");
        }
        recipeFieldsOnly(base, "base.");
        boolean grid = m.containsKey("grid");
        boolean random = m.containsKey("random");
        if (grid && random) throw fail("random", "and grid cannot both be given: a sweep searches a grid or samples at random");
        if (!grid && !random) {
            throw new UserException(OneLine.of(source + ": give the values to vary, as grid: {learning_rate: [0.001, 0.003]}"
                    + " (every combination) or random: {samples: 20, space: {learning_rate: {log_uniform: [0.0001, 0.01]}}}"));
        }
        List<Sweep.Varied> varied = new ArrayList<>();
        List<Map<String, Object>> values = grid ? grid(m.get("grid"), varied) : random(m.get("random"), seed, varied);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>(base);
            fields.putAll(values.get(i));
            String prefix = "trial " + i + " (" + OneLine.excerpt(Trial.describe(values.get(i)), 120) + "): ";
            Recipe recipe = ExperimentFile.recipe(fields, source, prefix);
            trials.add(new Trial(i, values.get(i), fields, recipe));
        }
        return new Sweep(name, title, source, seed, trainImages, grid ? Sweep.Search.GRID : Sweep.Search.RANDOM, varied, trials);
    }

    private List<Map<String, Object>> grid(Object value, List<Sweep.Varied> varied) {
        Map<String, Object> g = map(value, "grid");
        if (g.isEmpty()) {
            throw fail("grid", "names no field to vary: give each field with the list of its values, like"
                    + " grid: {learning_rate: [0.001, 0.003]}");
        }
        recipeFieldsOnly(g, "grid.");
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : g.entrySet()) {
            if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
                throw fail("grid." + e.getKey(), "must list the values to try, like [0.001, 0.003] (a list of lists for"
                        + " layers), got " + shown(e.getValue()));
            }
            lists.put(e.getKey(), new ArrayList<>(list));
            varied.add(new Sweep.Varied(e.getKey(), Grid.scaleOf(new ArrayList<>(list))));
        }
        long size = Grid.size(lists);
        if (size > MAX_TRIALS) {
            StringBuilder product = new StringBuilder();
            for (List<Object> l : lists.values()) product.append(product.length() > 0 ? " x " : "").append(l.size());
            throw fail("grid", "makes " + (size == Long.MAX_VALUE ? "more than 9.2e18" : String.format(Locale.ROOT, "%,d", size))
                    + " trials (" + product + "), more than a sweep runs (" + String.format(Locale.ROOT, "%,d", MAX_TRIALS)
                    + "); vary fewer fields or values, or draw samples with random: {samples: N, space: {...}}");
        }
        return Grid.combinations(lists);
    }

    private List<Map<String, Object>> random(Object value, long sweepSeed, List<Sweep.Varied> varied) {
        Map<String, Object> r = map(value, "random");
        only(r, RANDOM, "random.", "random takes samples, seed and space");
        if (!r.containsKey("samples")) throw fail("random.samples", "is missing: say how many trials to draw, like samples: 20");
        int samples = positiveInt(r.get("samples"), "random.samples");
        if (samples > MAX_TRIALS) {
            throw fail("random.samples", String.format(Locale.ROOT, "is %,d, more than a sweep runs (%,d)", samples, MAX_TRIALS));
        }
        long seed = r.containsKey("seed") ? integer(r.get("seed"), "random.seed") : sweepSeed;
        if (!r.containsKey("space")) {
            throw fail("random.space", "is missing: give each field to vary with where to draw it from, like"
                    + " space: {learning_rate: {log_uniform: [0.0001, 0.01]}}");
        }
        Map<String, Object> space = map(r.get("space"), "random.space");
        if (space.isEmpty()) throw fail("random.space", "names no field to vary, like {learning_rate: {log_uniform: [0.0001, 0.01]}}");
        recipeFieldsOnly(space, "random.space.");
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : space.entrySet()) {
            Distribution d = distribution(e.getValue(), "random.space." + e.getKey());
            distributions.put(e.getKey(), d);
            varied.add(new Sweep.Varied(e.getKey(), d.scale()));
        }
        long distinct = distinctCombinations(distributions.values());
        if (samples > distinct) {
            throw fail("random.samples", String.format(Locale.ROOT, "is %,d, but the space holds only %,d different"
                    + " combinations: ask for at most %,d, or search them all with grid", samples, distinct, distinct));
        }
        // A trial that repeats an earlier one would spend its time on a result the table already has: such a draw is
        // drawn again. The draws stay a function of the seed alone.
        SplitMix draws = new SplitMix(seed);
        Set<Map<String, Object>> seen = new HashSet<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0, redrawn = 0; i < samples; ) {
            Map<String, Object> v = new LinkedHashMap<>();
            distributions.forEach((field, d) -> v.put(field, d.sample(draws)));
            if (seen.add(v)) {
                out.add(v);
                i++;
            } else if (++redrawn > MAX_REDRAWS) {
                throw fail("random.samples", String.format(Locale.ROOT, "is %,d, but only %s came out of %,d draws:"
                        + " widen the space or ask for fewer", samples, Count.of(out.size(), "different combination"), out.size() + redrawn));
            }
        }
        return out;
    }

    /** Draws of a random search that may repeat an earlier trial before the search gives up. */
    private static final int MAX_REDRAWS = 10_000;

    /** How many different combinations the distributions can give (a real range, rounded, counts as unbounded). */
    private static long distinctCombinations(Collection<Distribution> distributions) {
        long product = 1;
        for (Distribution d : distributions) {
            long n = Long.MAX_VALUE;
            if (d instanceof Distribution.IntUniform u) n = (long) u.high() - u.low() + 1;
            else if (d instanceof Distribution.Choice c) n = new HashSet<>(c.values()).size();
            product = n == Long.MAX_VALUE || product > Long.MAX_VALUE / n ? Long.MAX_VALUE : product * n;
        }
        return product;
    }

    private Distribution distribution(Object value, String field) {
        if (value instanceof List<?> list) return choice(list, field);
        if (!(value instanceof Map<?, ?> m) || m.size() != 1 || !DISTRIBUTIONS.contains(String.valueOf(m.keySet().iterator().next()))) {
            throw fail(field, "must be one of {log_uniform: [low, high]}, {uniform: [low, high]}, {int_uniform: [low, high]}"
                    + " or {choice: [values]}, got " + shown(value));
        }
        String kind = String.valueOf(m.keySet().iterator().next());
        Object args = m.values().iterator().next();
        String at = field + "." + kind;
        if (kind.equals("choice")) {
            if (!(args instanceof List<?> list)) throw fail(at, "must list the values to choose from, got " + shown(args));
            return choice(list, at);
        }
        if (!(args instanceof List<?> range) || range.size() != 2) {
            throw fail(at, "must be a range [low, high], got " + shown(args));
        }
        if (kind.equals("int_uniform")) {
            long low = integer(range.get(0), at);
            long high = integer(range.get(1), at);
            if (low > high || low < Integer.MIN_VALUE || high > Integer.MAX_VALUE || high - low + 1 > Integer.MAX_VALUE) {
                throw fail(at, "must be whole numbers [low, high] with low <= high, got " + shown(args));
            }
            return new Distribution.IntUniform((int) low, (int) high);
        }
        double low = real(range.get(0), at);
        double high = real(range.get(1), at);
        if (!(low < high)) throw fail(at, "must be a range [low, high] with low < high, got " + shown(args));
        if (kind.equals("log_uniform")) {
            if (!(low > 0)) throw fail(at, "must be a range of positive numbers (it is drawn on a log scale), got " + shown(args));
            return new Distribution.LogUniform(low, high);
        }
        return new Distribution.Uniform(low, high);
    }

    private Distribution choice(List<?> list, String field) {
        if (list.isEmpty()) throw fail(field, "lists no value to choose from");
        return new Distribution.Choice(new ArrayList<>(list));
    }

    /** Refuses a field that is not a recipe's, with the closest one. */
    private void recipeFieldsOnly(Map<String, Object> m, String prefix) {
        Set<String> fields = ExperimentFile.recipeFields();
        only(m, fields, prefix, "a recipe takes " + String.join(", ", new TreeSet<>(fields)));
    }

    private void only(Map<String, Object> m, Set<String> allowed, String prefix, String takes) {
        for (String k : m.keySet()) {
            if (allowed.contains(k)) continue;
            String closest = ExperimentFile.closestName(k, allowed);
            throw fail(prefix + k, "is not a known field" + (closest != null ? " (did you mean " + closest + "?)" : "") + "; " + takes);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object v, String field) {
        if (!(v instanceof Map<?, ?>)) throw fail(field, "must be a set of 'key: value' fields, got " + shown(v));
        for (Object k : ((Map<?, ?>) v).keySet()) {
            if (!(k instanceof String)) throw fail(field, "has a field name that is not text: " + OneLine.excerpt(String.valueOf(k), 60));
        }
        return (Map<String, Object>) v;
    }

    private String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) return "";
        if (!(v instanceof String s)) throw fail(key, "must be text, got " + shown(v));
        return s.trim();
    }

    private long integer(Object v, String field) {
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        throw fail(field, "must be a whole number, got " + shown(v));
    }

    private int positiveInt(Object v, String field) {
        if (!(v instanceof Integer i) || i <= 0) throw fail(field, "must be a positive whole number, got " + shown(v));
        return i;
    }

    /** A finite number; YAML 1.1 reads 1e-4 (no dot) as text, so text that is a number counts too. */
    private double real(Object v, String field) {
        double x = Double.NaN;
        if (v instanceof Number n) x = n.doubleValue();
        else if (v instanceof String s) {
            try {
                x = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        if (!Double.isFinite(x)) throw fail(field, "must be finite numbers, got " + shown(v));
        return x;
    }

    private static String shown(Object v) {
        if (v == null) return "nothing";
        return v instanceof String s ? "'" + OneLine.excerpt(s, 60) + "'" : OneLine.excerpt(String.valueOf(v), 60);
    }

    private UserException fail(String field, String message) {
        return new UserException(OneLine.of(source + ": " + field + " " + message));
    }
}
