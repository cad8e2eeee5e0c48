package org.scratchnet.report;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;

/** Every number of a report as JSON (accuracies in percent), for scripts and for comparing runs. */
public final class ResultsJson {
    private ResultsJson() {}

    static String render(List<ExperimentResult> results, BestModel best, ReportContext c) {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().disableHtmlEscaping().create()
                .toJson(of(results, best, c)) + "\n";
    }

    public static Map<String, Object> of(List<ExperimentResult> results, BestModel best, ReportContext c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", c.command());
        json.put("date", c.date());
        json.put("quick", c.quick());
        json.put("software", c.software());
        json.put("data", c.data());
        json.put("seconds", c.seconds());
        List<Object> experiments = new ArrayList<>();
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("title", e.title());
            m.put("paper_train_accuracy", e.paper().trainAccuracy());
            m.put("paper_test_accuracy", e.paper().testAccuracy());
            for (Experiment.Variant v : Experiment.Variant.values()) {
                Map<String, Object> variant = new LinkedHashMap<>();
                variant.put("recipe", e.spec(v).describe());
                variant.put("train_accuracy_mean", r.trainAccuracy(v).mean());
                variant.put("train_accuracy_std", r.trainAccuracy(v).std());
                variant.put("test_accuracy_mean", r.testAccuracy(v).mean());
                variant.put("test_accuracy_std", r.testAccuracy(v).std());
                variant.put("diverged", r.testAccuracy(v).diverged());
                variant.put("seconds_per_run", r.meanSeconds(v));
                List<Object> runs = new ArrayList<>();
                for (RunResult run : r.runs().get(v)) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("seed", run.seed());
                    one.put("train_accuracy", 100 * run.trainAccuracy());
                    one.put("validation_accuracy", 100 * run.validationAccuracy());
                    one.put("test_accuracy", 100 * run.testAccuracy());
                    one.put("test_loss", run.testLoss());
                    one.put("initial_loss", run.initialLoss());
                    one.put("initial_weight_std", run.initialStd());
                    one.put("seconds", run.seconds());
                    if (!run.ok()) one.put("diverged", run.diverged());
                    runs.add(one);
                }
                variant.put("runs", runs);
                m.put(v.key, variant);
            }
            experiments.add(m);
        }
        json.put("experiments", experiments);
        if (best != null && best.evaluation() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("experiment", best.run().experiment());
            b.put("variant", best.run().variant().key);
            b.put("seed", best.run().seed());
            b.put("validation_accuracy", 100 * best.run().validationAccuracy());
            b.put("test", best.evaluation().report().toJson());
            json.put("best_model", b);
        }
        return json;
    }
}
