package org.scratchnet.report;

import java.util.List;
import java.util.Locale;
import org.scratchnet.eval.ClassificationReport;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;

/**
 * The report as Markdown: how it was made, the results table (paper | ours as described | ours
 * done right | time), one section per experiment with its figures, choices and explanation,
 * then the best model's metrics and the activation functions.
 */
final class ReportMarkdown {
    private ReportMarkdown() {}

    static String render(List<ExperimentResult> results, BestModel best, RunResult small, ReportContext c) {
        StringBuilder s = new StringBuilder();
        s.append("# Reproducing \"Building a Neural Network from Scratch for MNIST Classification\"\n\n");
        if (c.quick()) {
            s.append("> **Quick run.** One seed and shortened training, to check that everything works end to end. "
                    + "These numbers are not the reproduction; run without `--quick` for that.\n\n");
        }
        s.append("Khadka and Shah build a multilayer perceptron from scratch and train it on MNIST in five experiments. "
                + "ScratchNet runs each one twice. **As described** follows the paper's recipe to the letter: full-batch "
                + "gradient descent, α = 0.1, and its initialisation formulas as printed. **Done right** runs the same "
                + "experiment with the textbook formulas and a sensible optimiser. Each recipe runs once per seed, and the "
                + "tables give the mean ± the sample standard deviation, so a difference can be told from noise.\n\n");
        s.append("- Command: `").append(c.command()).append("`\n");
        s.append("- Date: ").append(c.date()).append("; ").append(c.software()).append('\n');
        s.append("- Data: ").append(c.data()).append('\n');
        s.append(String.format(Locale.ROOT, "- Total time: %s%n%n", duration(c.seconds())));

        s.append("## Results\n\n");
        s.append("Accuracy in percent, train / test. The paper's number is shown where it gives one. Time is the mean training time "
                + "of one run, as described + done right.\n\n");
        s.append("| Experiment | Paper | Ours, as described | Ours, done right | Time per run |\n");
        s.append("|---|---|---|---|---|\n");
        int i = 1;
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            s.append("| ").append(i++).append(". [").append(e.title()).append("](#").append(anchor(e)).append(") | ")
                    .append(paper(e.paper())).append(" | ")
                    .append(pair(r, Experiment.Variant.AS_DESCRIBED)).append(" | ")
                    .append(pair(r, Experiment.Variant.DONE_RIGHT)).append(" | ")
                    .append(String.format(Locale.ROOT, "%s + %s", duration(r.meanSeconds(Experiment.Variant.AS_DESCRIBED)),
                            duration(r.meanSeconds(Experiment.Variant.DONE_RIGHT))))
                    .append(" |\n");
        }
        s.append('\n').append(image(Report.SUMMARY, "Test accuracy of every experiment: the paper and ours")).append("\n\n");

        i = 1;
        for (ExperimentResult r : results) section(s, i++, r);
        if (best != null) best(s, best, small);

        s.append("## The activation functions (the paper's Figures 2-8)\n\n");
        s.append("Drawn from the same code the network runs, so a wrong derivative would show here.\n\n");
        for (String g : new String[] {"relu", "sigmoid", "tanh", "softmax"}) s.append(image("activation-" + g, g)).append('\n');
        s.append("\n## Regenerate\n\n```\n").append(c.command()).append("\n```\n\n");
        s.append("The figures are in `figures/` (PNG and SVG), each run's history in `runs/`, every number in `results.json`.\n");
        return s.toString();
    }

    private static void section(StringBuilder s, int number, ExperimentResult r) {
        Experiment e = r.experiment();
        s.append("<a id=\"").append(anchor(e)).append("\"></a>\n\n");
        s.append("## ").append(number).append(". ").append(e.title()).append("\n\n");
        Experiment.Paper p = e.paper();
        s.append("**Paper** (").append(p.figure() > 0 ? "Figure " + p.figure() + ", " : "").append(paper(p)).append(").");
        if (!p.note().isEmpty()) s.append(' ').append(p.note());
        s.append("\n\n");
        s.append("| Recipe | Train | Validation | Test | Initial loss | Layer weight std at start | Diverged | Time per run |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (Experiment.Variant v : Experiment.Variant.values()) {
            List<RunResult> runs = r.runs().get(v);
            RunResult first = runs.get(0);
            long diverged = runs.stream().filter(x -> !x.ok()).count();
            s.append("| ").append(v.label).append(": ").append(e.spec(v).describe()).append(" | ")
                    .append(stat(r.trainAccuracy(v))).append(" | ")
                    .append(stat(r.validationAccuracy(v))).append(" | ")
                    .append(stat(r.testAccuracy(v))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", runs.stream().mapToDouble(RunResult::initialLoss).average().orElse(Double.NaN)))
                    .append(" | ").append(stds(first.initialStd())).append(" | ")
                    .append(diverged).append(" of ").append(runs.size()).append(" | ")
                    .append(duration(r.meanSeconds(v))).append(" |\n");
        }
        String seeds = String.join(", ", e.seeds().stream().map(String::valueOf).toList());
        s.append(String.format(Locale.ROOT, "%nSeeds: %s. Initial loss is the validation cross-entropy before the first update "
                + "(ln 10 = 2.30 for a network that guesses uniformly).%n%n", seeds));
        for (RunResult run : r.runs().get(Experiment.Variant.AS_DESCRIBED)) {
            if (!run.ok()) s.append("Seed ").append(run.seed()).append(", as described: ").append(run.diverged()).append(".\n\n");
        }
        for (RunResult run : r.runs().get(Experiment.Variant.DONE_RIGHT)) {
            if (!run.ok()) s.append("Seed ").append(run.seed()).append(", done right: ").append(run.diverged()).append(".\n\n");
        }
        s.append(image(Report.comparisonName(e), e.title() + ": paper and ours")).append("\n\n");
        for (Experiment.Variant v : Experiment.Variant.values()) {
            s.append(image(Report.curvesName(e, v), e.title() + ", " + v.label)).append("\n\n");
        }
        s.append("The curves show the mean over the seeds, with a band from the lowest to the highest seed. Train points "
                + "are the mean over the batches since the previous point, measured before each update, with dropout on "
                + "where the recipe has it.\n\n");
        if (!e.choices().isEmpty()) s.append("**What the paper leaves open.** ").append(paragraph(e.choices())).append("\n\n");
        if (!e.explanation().isEmpty()) s.append("**Why ours differs.** ").append(paragraph(e.explanation())).append("\n\n");
        s.append("Experiment file: `").append(e.source()).append("`.\n\n");
    }

    private static void best(StringBuilder s, BestModel best, RunResult small) {
        RunResult run = best.run();
        ClassificationReport cr = best.evaluation().report();
        s.append("## The best model\n\n");
        s.append(String.format(Locale.ROOT, "Chosen by validation accuracy among all runs: **%s, %s, seed %d** "
                        + "(validation %.2f%%). On the 10,000 test images: accuracy **%.2f%%**, macro precision %.4f, "
                        + "macro recall %.4f, macro F1 %.4f, test loss %.4f.%n%n",
                run.experiment(), run.variant().label, run.seed(), 100 * run.validationAccuracy(), 100 * cr.accuracy(),
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
                    small.variant().label, small.seed(), 100 * small.testAccuracy()));
            s.append(image(BestModel.SMALL_WEIGHTS, "First-layer weights of a small network"));
        }
        s.append("\n\n");
    }

    private static String pair(ExperimentResult r, Experiment.Variant v) {
        return stat(r.trainAccuracy(v)) + " / " + stat(r.testAccuracy(v));
    }

    static String stat(ExperimentResult.Stat st) {
        if (!st.any()) return "diverged";
        if (st.runs() == 1) return String.format(Locale.ROOT, "%.2f", st.mean());
        return String.format(Locale.ROOT, "%.2f ± %.2f", st.mean(), st.std());
    }

    private static String paper(Experiment.Paper p) {
        return percent(p.trainAccuracy()) + " / " + percent(p.testAccuracy());
    }

    private static String percent(double v) {
        if (Double.isNaN(v)) return "–";
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String stds(double[] std) {
        StringBuilder s = new StringBuilder();
        for (double x : std) s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        return s.toString();
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) return "–";
        if (seconds < 60) return String.format(Locale.ROOT, "%.1f s", seconds);
        return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, Math.round(seconds % 60) % 60);
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
