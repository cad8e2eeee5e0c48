package org.scratchnet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scratchnet.eval.ClassificationReport;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;

/**
 * The report as Markdown: its title and introduction, how it was made, the results table (the
 * paper's numbers where an experiment has them, then one column per recipe), one section per
 * experiment with its figures, seed spreads, comparison, choices and explanation, then the best
 * model's metrics and the activation functions. Every number in it is computed from the results.
 */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    static String render(List<ExperimentResult> results, BestModel best, RunResult small, ReportContext c) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(c.intro().title()).append("\n\n");
        if (c.quick()) {
            s.append("> **Quick run.** One seed and shortened training, to check that everything works end to end. "
                    + "These numbers are not the result; run without `--quick` for that.\n\n");
        }
        if (!c.intro().introduction().isBlank()) s.append(c.intro().introduction().strip()).append(' ');
        boolean oneSeed = results.stream().allMatch(r -> r.experiment().seeds().size() == 1);
        s.append(oneSeed ? "Each recipe runs once, with one seed, so no spread over seeds is given.\n\n"
                : "Each recipe runs once per seed, and the tables give the mean ± the sample standard deviation over the "
                        + "seeds, so a difference can be told from noise.\n\n");
        s.append("- Command: `").append(c.command()).append("`\n");
        s.append("- Date: ").append(c.date()).append("; ").append(c.software()).append('\n');
        s.append("- Data: ").append(c.data()).append('\n');
        s.append(String.format(Locale.ROOT, "- Total time: %s%n%n", duration(c.seconds())));

        boolean anyPaper = results.stream().anyMatch(r -> r.experiment().hasPaper());
        List<String> keys = Report.recipeKeys(results);
        s.append("## Results\n\n");
        s.append("Accuracy in percent, train / test").append(oneSeed ? "" : ", mean ± sample standard deviation over the seeds")
                .append(". ");
        if (anyPaper) s.append("The paper's number is shown where it gives one (– where it does not). ");
        s.append("Time is the mean training time of one run of each recipe, in column order.\n\n");
        s.append("| Experiment |");
        if (anyPaper) s.append(" Paper |");
        for (String k : keys) s.append(' ').append(anyPaper ? "Ours, " : "").append(anyPaper ? label(k) : Report.capitalised(label(k))).append(" |");
        s.append(" Time per run |\n|---|");
        if (anyPaper) s.append("---|");
        s.append("---|".repeat(keys.size())).append("---|\n");
        int i = 1;
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            s.append("| ").append(i++).append(". [").append(e.title()).append("](#").append(anchor(e)).append(") |");
            if (anyPaper) s.append(' ').append(e.hasPaper() ? paper(e.paper()) : "–").append(" |");
            List<String> times = new ArrayList<>();
            for (String k : keys) {
                Experiment.NamedRecipe recipe = e.recipe(k);
                s.append(' ').append(recipe == null ? "–" : pair(r, recipe)).append(" |");
                if (recipe != null) times.add(duration(r.meanSeconds(recipe)));
            }
            s.append(' ').append(String.join(" + ", times)).append(" |\n");
        }
        s.append('\n').append(image(Report.SUMMARY, "Test accuracy of every experiment")).append("\n\n");

        i = 1;
        for (ExperimentResult r : results) section(s, i++, r, results);
        if (best != null) best(s, best, small);

        s.append("## The activation functions").append(anyPaper ? " (the paper's Figures 2-8)" : "").append("\n\n");
        s.append("Drawn from the same code the network runs, so a wrong derivative would show here.\n\n");
        for (String g : new String[] {"relu", "sigmoid", "tanh", "softmax"}) s.append(image("activation-" + g, g)).append('\n');
        s.append("\n## Regenerate\n\n```\n").append(c.command()).append("\n```\n\n");
        s.append("The figures are in `figures/` (PNG and SVG), each run's history in `runs/`, every number in `results.json`.\n");
        return s.toString();
    }

    private static void section(StringBuilder s, int number, ExperimentResult r, List<ExperimentResult> all) {
        Experiment e = r.experiment();
        s.append("<a id=\"").append(anchor(e)).append("\"></a>\n\n");
        s.append("## ").append(number).append(". ").append(e.title()).append("\n\n");
        // One experiment alone has its description as the report's introduction already.
        if (!e.description().isEmpty() && all.size() > 1) s.append(paragraph(e.description())).append("\n\n");
        if (e.hasPaper()) {
            Experiment.Paper p = e.paper();
            s.append("**Paper**").append(p.figure() > 0 ? " (Figure " + p.figure() + ")" : "").append(": train ")
                    .append(paperValue(p.trainAccuracy())).append(", test ").append(paperValue(p.testAccuracy())).append('.');
            if (!p.note().isEmpty()) s.append(' ').append(p.note());
            s.append("\n\n");
        }
        s.append("| Recipe | Train | Validation | Test | Initial loss | Weight std at start, per layer | Diverged | Time per run |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (Experiment.NamedRecipe recipe : e.recipes()) {
            List<RunResult> runs = r.runs(recipe);
            s.append("| ").append(recipe.label()).append(": ").append(recipe.recipe().describe()).append(" | ")
                    .append(stat(r.trainAccuracy(recipe))).append(" | ")
                    .append(stat(r.validationAccuracy(recipe))).append(" | ")
                    .append(stat(r.testAccuracy(recipe))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", r.meanInitialLoss(recipe))).append(" | ")
                    .append(stds(r.meanInitialStd(recipe))).append(" | ")
                    .append(r.diverged(recipe)).append(" of ").append(runs.size()).append(" | ")
                    .append(duration(r.meanSeconds(recipe))).append(" |\n");
        }
        String seeds = String.join(", ", e.seeds().stream().map(String::valueOf).toList());
        String over = e.seeds().size() > 1 ? "means over the seeds" : "of the one seed";
        s.append(String.format(Locale.ROOT, "%nSeeds: %s. Initial loss is the validation cross-entropy before the first update "
                + "(ln 10 = 2.30 for a network that guesses uniformly) and the weight standard deviations are those before "
                + "training, both %s.%n%n", seeds, over));
        if (e.seeds().size() > 1) s.append(seedSpread(r)).append("\n\n");
        ExperimentResult other = all.stream().filter(x -> x.experiment().name().equals(e.compareWith())).findFirst().orElse(null);
        if (other != null) s.append(comparison(r, other)).append("\n\n");
        for (Experiment.NamedRecipe recipe : e.recipes()) {
            for (RunResult run : r.runs(recipe)) {
                if (!run.ok()) s.append("Seed ").append(run.seed()).append(", ").append(recipe.label()).append(": ").append(run.diverged()).append(".\n\n");
            }
        }
        s.append(image(Report.comparisonName(e), Report.comparisonTitle(e))).append("\n\n");
        for (Experiment.NamedRecipe recipe : e.recipes()) {
            s.append(image(Report.curvesName(e, recipe), Report.curvesTitle(e, recipe))).append("\n\n");
        }
        s.append(e.seeds().size() > 1 ? "The curves show the mean over the seeds, with a band from the lowest to the highest seed. "
                : "The curves show the one seed's run. ");
        s.append("Iteration 0 is the network before any update (full-batch recipes; a mini-batch run's first point comes "
                + "after a tenth of an epoch). Train points after it are the mean over the batches since the previous point, "
                + "measured before each update, with dropout on where the recipe has it.\n\n");
        if (!e.choices().isEmpty()) {
            s.append(e.hasPaper() ? "**What the paper leaves open.** " : "**Choices.** ").append(paragraph(e.choices())).append("\n\n");
        }
        if (!e.explanation().isEmpty()) {
            s.append(e.hasPaper() ? "**Why ours differs.** " : "**Discussion.** ").append(paragraph(e.explanation())).append("\n\n");
        }
        s.append("Experiment file: `").append(e.source()).append("`.\n\n");
    }

    /** "Test accuracy by seed: as described 84.64, 85.39, 82.17 (range 3.22 points); ..." */
    static String seedSpread(ExperimentResult r) {
        List<String> parts = new ArrayList<>();
        for (Experiment.NamedRecipe recipe : r.experiment().recipes()) {
            List<String> values = new ArrayList<>();
            for (RunResult run : r.runs(recipe)) {
                values.add(run.ok() ? String.format(Locale.ROOT, "%.2f", 100 * run.testAccuracy()) : "diverged");
            }
            ExperimentResult.Stat st = r.testAccuracy(recipe);
            String range = st.runs() > 1 ? String.format(Locale.ROOT, " (range %.2f points)", st.max() - st.min()) : "";
            parts.add(recipe.label() + " " + String.join(", ", values) + range);
        }
        return "Test accuracy by seed: " + String.join("; ", parts) + ".";
    }

    /**
     * Sets this experiment's test accuracy beside another's, recipe by recipe (the recipes they
     * share by name), and says whether the difference stands out of the seed-to-seed spread.
     */
    static String comparison(ExperimentResult r, ExperimentResult other) {
        Experiment e = r.experiment();
        Experiment o = other.experiment();
        List<String> parts = new ArrayList<>();
        for (Experiment.NamedRecipe recipe : e.recipes()) {
            Experiment.NamedRecipe theirs = o.recipe(recipe.key());
            if (theirs == null) continue;
            ExperimentResult.Stat a = r.testAccuracy(recipe);
            ExperimentResult.Stat b = other.testAccuracy(theirs);
            if (!a.any() || !b.any()) {
                parts.add(recipe.label() + ": one of the two diverged on every seed");
                continue;
            }
            if (recipe.recipe().equals(theirs.recipe()) && e.seeds().equals(o.seeds())) {
                parts.add(String.format(Locale.ROOT, "%s: the same recipe and seeds as %s, so the same runs (%.2f)",
                        recipe.label(), o.name(), a.mean()));
                continue;
            }
            double d = a.mean() - b.mean();
            String verdict;
            if (a.runs() < 2 || b.runs() < 2) verdict = "one seed: no spread to judge it by";
            else if (Math.abs(d) < Math.max(a.std(), b.std())) verdict = "less than the seed-to-seed standard deviation, so within the noise";
            else if (Math.abs(d) < 2 * Math.max(a.std(), b.std())) verdict = "between one and two seed-to-seed standard deviations";
            else verdict = "more than twice the seed-to-seed standard deviation";
            parts.add(String.format(Locale.ROOT, "%s: %s against %s, %s%.2f points (%s)", recipe.label(), stat(a), stat(b),
                    d >= 0 ? "+" : "−", Math.abs(d), verdict));
        }
        if (parts.isEmpty()) return "";
        return "**Compared with " + o.name() + "** (test accuracy, this experiment against " + o.name() + "): "
                + String.join("; ", parts) + ".";
    }

    private static void best(StringBuilder s, BestModel best, RunResult small) {
        RunResult run = best.run();
        ClassificationReport cr = best.evaluation().report();
        s.append("## The best model\n\n");
        s.append(String.format(Locale.ROOT, "Chosen by validation accuracy among all runs: **%s, %s, seed %d** "
                        + "(validation %.2f%%). On the 10,000 test images: accuracy **%.2f%%**, macro precision %.4f, "
                        + "macro recall %.4f, macro F1 %.4f, test loss %.4f.%n%n",
                run.experiment(), run.recipeLabel(), run.seed(), 100 * run.validationAccuracy(), 100 * cr.accuracy(),
                cr.macroPrecision(), cr.macroRecall(), cr.macroF1(), best.evaluation().loss()));
        s.append("| Class | Precision | Recall | F1 | Support |\n|---|---|---|---|---|\n");
        for (int c = 0; c < cr.classes(); c++) {
            s.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %d |%n", c, cr.precision(c), cr.recall(c), cr.f1(c),
                    cr.support(c)));
        }
        s.append(String.format(Locale.ROOT, "| macro avg | %.4f | %.4f | %.4f | %d |%n", cr.macroPrecision(), cr.macroRecall(),
                cr.macroF1(), cr.total()));
        s.append(String.format(Locale.ROOT, "| weighted avg | %.4f | %.4f | %.4f | %d |%n%n", cr.weightedPrecision(),
                cr.weightedRecall(), cr.weightedF1(), cr.total()));
        s.append(image(BestModel.CONFUSION, "Confusion matrix")).append("\n\n");
        s.append(image(BestModel.MISCLASSIFIED, "Most confidently misclassified test digits")).append("\n\n");
        s.append(image(BestModel.WEIGHTS, "First-layer weights")).append("\n\n");
        s.append("Each first-layer unit's 784 weights are drawn as a 28x28 image (red positive, blue negative). A wide "
                + "first layer spreads the work over many units; each moves little from its random start and looks like "
                + "noise.");
        if (small != null && small != best.run()) {
            s.append(String.format(Locale.ROOT, " A narrow one has to cover whole digits with few units, and its weights "
                    + "become stroke templates: here those of %s, %s, seed %d (test accuracy %.2f%%).%n%n", small.experiment(),
                    small.recipeLabel(), small.seed(), 100 * small.testAccuracy()));
            s.append(image(BestModel.SMALL_WEIGHTS, "First-layer weights of a small network"));
        }
        s.append("\n\n");
    }

    private static String pair(ExperimentResult r, Experiment.NamedRecipe recipe) {
        return stat(r.trainAccuracy(recipe)) + " / " + stat(r.testAccuracy(recipe));
    }

    private static String label(String key) {
        return key.replace('_', ' ');
    }

    static String stat(ExperimentResult.Stat st) {
        if (!st.any()) return "diverged";
        if (st.runs() == 1) return String.format(Locale.ROOT, "%.2f", st.mean());
        return String.format(Locale.ROOT, "%.2f ± %.2f", st.mean(), st.std());
    }

    private static String paper(Experiment.Paper p) {
        return percent(p.trainAccuracy()) + " / " + percent(p.testAccuracy());
    }

    private static String paperValue(double v) {
        return Double.isNaN(v) ? "not given" : percent(v) + "%";
    }

    /** A paper's percentage as it prints it: "85", "68.4"; "–" where it gives none. */
    public static String percent(double v) {
        if (Double.isNaN(v)) return "–";
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String stds(double[] std) {
        StringBuilder s = new StringBuilder();
        for (double x : std) s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        return s.toString();
    }

    /**
     * "7.3 s" below a minute, "2 min 05 s" from there, "1 h 02 min 05 s" from an hour. The rounding
     * comes first, so 59.96 s is "1 min 00 s", not "60.0 s", and 119.6 s is "2 min 00 s".
     */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "–";
        if (Math.round(seconds * 10) < 600) return String.format(Locale.ROOT, "%.1f s", seconds);
        long total = Math.round(seconds);
        if (total < 3600) return String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
        return String.format(Locale.ROOT, "%d h %02d min %02d s", total / 3600, total % 3600 / 60, total % 60);
    }

    private static String image(String name, String alt) {
        return "![" + alt + "](" + Report.FIGURES + "/" + name + ".png)";
    }

    private static String anchor(Experiment e) {
        return "experiment-" + e.name();
    }

    /** Experiment files wrap their text at will; Markdown joins the lines of a paragraph anyway. */
    private static String paragraph(String text) {
        return text.strip();
    }
}
