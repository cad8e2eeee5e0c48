package org.scratchnet.report;

import com.google.gson.GsonBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;

/**
 * Every number of a report as JSON, for scripts and for comparing runs. One unit throughout,
 * stated in the file's {@code units}: accuracies (and precision, recall, F1) are fractions in
 * 0..1, as the evaluation reports them; losses are mean cross-entropy; times are seconds. Numbers
 * are rounded to {@value #DECIMALS} decimals, and a number that is undefined (a diverged run's
 * accuracy, a figure the paper does not give) is null: the file is strict JSON.
 */
public final class ResultsJson {
    static final int DECIMALS = 6;

    private ResultsJson() {}

    static String render(List<ExperimentResult> results, BestModel best, ReportContext c) {
        // No serializeSpecialFloatingPointValues: a NaN that escaped tidy() fails here, not in a reader.
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                .toJson(of(results, best, c)) + "\n";
    }

    public static Map<String, Object> of(List<ExperimentResult> results, BestModel best, ReportContext c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", c.intro().title());
        json.put("command", c.command());
        json.put("date", c.date());
        json.put("quick", c.quick());
        json.put("software", c.software());
        json.put("data", c.data());
        json.put("seconds", c.seconds());
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("accuracy", "fraction in 0..1 (0.9815 is 98.15%), also for precision, recall and f1");
        units.put("loss", "mean cross-entropy (natural log)");
        units.put("time", "seconds");
        json.put("units", units);
        List<Object> experiments = new ArrayList<>();
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("title", e.title());
            if (e.hasPaper()) {
                Map<String, Object> paper = new LinkedHashMap<>();
                paper.put("figure", e.paper().figure() > 0 ? e.paper().figure() : null);
                paper.put("train_accuracy", e.paper().trainAccuracy() / 100);
                paper.put("test_accuracy", e.paper().testAccuracy() / 100);
                m.put("paper", paper);
            } else {
                m.put("paper", null);
            }
            Map<String, Object> recipes = new LinkedHashMap<>();
            for (Experiment.NamedRecipe recipe : e.recipes()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("recipe", recipe.recipe().describe());
                stat(one, "train_accuracy", r.trainAccuracy(recipe));
                stat(one, "validation_accuracy", r.validationAccuracy(recipe));
                stat(one, "test_accuracy", r.testAccuracy(recipe));
                one.put("initial_loss_mean", r.meanInitialLoss(recipe));
                one.put("initial_weight_std_mean", r.meanInitialStd(recipe));
                one.put("diverged", r.diverged(recipe));
                one.put("seconds_per_run", r.meanSeconds(recipe));
                List<Object> runs = new ArrayList<>();
                for (RunResult run : r.runs(recipe)) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("seed", run.seed());
                    x.put("train_accuracy", run.trainAccuracy());
                    x.put("validation_accuracy", run.validationAccuracy());
                    x.put("test_accuracy", run.testAccuracy());
                    x.put("test_loss", run.testLoss());
                    x.put("initial_loss", run.initialLoss());
                    x.put("initial_weight_std", run.initialStd());
                    x.put("seconds", run.seconds());
                    x.put("diverged", run.diverged());
                    runs.add(x);
                }
                one.put("runs", runs);
                recipes.put(recipe.key(), one);
            }
            m.put("recipes", recipes);
            experiments.add(m);
        }
        json.put("experiments", experiments);
        if (best != null && best.evaluation() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("experiment", best.run().experiment());
            b.put("recipe", best.run().recipe());
            b.put("seed", best.run().seed());
            b.put("validation_accuracy", best.run().validationAccuracy());
            b.put("test", best.evaluation().report().toJson());
            json.put("best_model", b);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tidy = (Map<String, Object>) tidy(json);
        return tidy;
    }

    /** The mean and sample standard deviation over the seeds, as fractions. */
    private static void stat(Map<String, Object> m, String key, ExperimentResult.Stat s) {
        m.put(key + "_mean", s.mean() / 100);
        m.put(key + "_std", s.std() / 100);
    }

    /**
     * The same tree with every floating-point number rounded to {@value #DECIMALS} decimals (so
     * 0.8742999999999999 prints as 0.8743), NaN and infinities as null, arrays of doubles as lists.
     */
    static Object tidy(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (!Double.isFinite(v)) return null;
            return BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros().doubleValue();
        }
        if (value instanceof double[] a) {
            List<Object> list = new ArrayList<>();
            for (double v : a) list.add(tidy(v));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> en : map.entrySet()) out.put(en.getKey(), tidy(en.getValue()));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) out.add(tidy(o));
            return out;
        }
        return value;
    }
}
