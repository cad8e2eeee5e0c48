package org.scratchnet.sweep;

import java.util.Locale;
import java.util.Map;
import org.scratchnet.Count;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The best trial's recipe as an experiment file that {@code scratchnet experiment} runs: one
 * recipe named {@code best} (the trial's fields, exactly as it ran them), the sweep's seed, and
 * comments saying where it came from and what it scored on validation. The experiment then
 * measures the test set once, for this one recipe.
 */
public final class BestRecipe {
    public static final String FILE = "best.yaml";

    private BestRecipe() {}

    public static String yaml(TrialResult best) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "# The best trial of sweep %s by validation accuracy: trial %d of %d (%s),%n",
                best.sweep(), best.trial(), best.trials(), Trial.describe(best.values())));
        s.append(String.format(Locale.ROOT, "# %.2f%% on %s held out from %s (seed %d; %s).%n",
                100 * best.validationAccuracy(), Count.of(best.validationSize(), "validation image"),
                Count.of(best.trainSize() + best.validationSize(), "training image"), best.seed(), best.data()));
        s.append("# Written by 'scratchnet sweep'. Run it, measuring the test set once, with\n");
        s.append("#   scratchnet experiment ").append(FILE).append(" --data DIR\n");
        s.append("# (on all of the training set; add seeds for a mean and spread).\n");
        s.append("name: ").append(flow(best.sweep() + "-best")).append('\n');
        s.append("title: ").append(flow("Best of sweep " + best.sweep() + ": " + Trial.describe(best.values()))).append('\n');
        s.append("seeds: [").append(best.seed()).append("]\n");
        s.append("recipes:\n  best:\n");
        for (Map.Entry<String, Object> f : best.fields().entrySet()) {
            s.append("    ").append(f.getKey()).append(": ").append(flow(f.getValue())).append('\n');
        }
        return s.toString();
    }

    /** A value in YAML's flow style, quoted where YAML needs it: 0.003, adam, [784, 256, 10], 'Best of ...: ...'. */
    static String flow(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(options).dump(value).strip();
    }
}
