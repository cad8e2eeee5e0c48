package org.scratchnet.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.RunResult;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.plot.ActivationPlots;
import org.scratchnet.plot.ComparisonChart;
import org.scratchnet.plot.TrainingCurves;

/**
 * Writes a report on a set of experiments into a folder:
 * <pre>
 *   REPORT.md      the report: results table, one section per experiment, the best model
 *   index.html     the same report as one web page (figures beside it)
 *   results.json   every number, for scripts
 *   figures/       each figure as PNG and SVG
 *   runs/          the training history of every run as CSV (what the curves are drawn from)
 * </pre>
 * Every file is written atomically; a report folder is either the old one or the new one, file by file.
 */
public final class Report {
    public static final String FIGURES = "figures";
    public static final String RUNS = "runs";
    static final String SUMMARY = "summary-test-accuracy";
    /** What a chart shows where the paper gives no number. */
    static final String NOT_GIVEN = "not given";

    /** The folder written, and every figure file in it. */
    public record Written(Path dir, Path markdown, Path html, Path json, List<Path> figures) {}

    private Report() {}

    public static Written write(Path out, List<ExperimentResult> results, ReportContext context, Dataset test) {
        Path figures = out.resolve(FIGURES);
        Path runs = out.resolve(RUNS);
        try {
            Files.createDirectories(figures);
            Files.createDirectories(runs);
        } catch (Exception e) {
            throw new UserException("cannot create the report folder " + out + ": " + e.getMessage());
        }

        String mark = context.quick() ? " (quick run)" : "";
        List<Path> files = new ArrayList<>();
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            for (Experiment.NamedRecipe recipe : e.recipes()) {
                List<RunResult> rs = r.runs(recipe);
                for (RunResult run : rs) {
                    if (run.ok()) run.history().writeCsv(runs.resolve(e.name() + "-" + recipe.slug() + "-seed" + run.seed() + ".csv"));
                }
                Curves.Set curves = Curves.of(rs);
                String subtitle = recipe.recipe().describe() + (curves.band() ? "; shaded: min-max over seeds " + seedsText(curves.seeds()) : "")
                        + (context.quick() ? "; quick run, not the reproduction" : "");
                files.addAll(TrainingCurves.write(figures, curvesName(e, recipe), curvesTitle(e, recipe) + mark, subtitle,
                        curves.accuracy(), curves.loss(), curves.learningRate()));
            }
            files.addAll(ComparisonChart.write(figures, comparisonName(e), comparisonTitle(e) + mark,
                    List.of("train", "test"), comparisonBars(r)));
        }
        files.addAll(summaryChart(figures, results, mark));
        files.addAll(ActivationPlots.write(figures));

        BestModel best = BestModel.of(results);
        if (best != null) {
            best = best.evaluate(test, figures, mark);
            files.addAll(best.figures());
        }
        RunResult small = BestModel.drawSmallNetwork(results, figures, files, mark);

        Path md = out.resolve("REPORT.md");
        String markdown = ReportMarkdown.render(results, best, small, context);
        AtomicFiles.writeString(md, markdown);
        Path html = out.resolve("index.html");
        AtomicFiles.writeString(html, HtmlPage.render(context.intro().title(), markdown));
        Path json = out.resolve("results.json");
        AtomicFiles.writeString(json, ResultsJson.render(results, best, context));
        return new Written(out, md, html, json, files);
    }

    static String curvesName(Experiment e, Experiment.NamedRecipe r) {
        return e.name() + "-curves-" + r.slug();
    }

    /** "Deeper sigmoid, done right": the network itself is in the subtitle, from the recipe. */
    static String curvesTitle(Experiment e, Experiment.NamedRecipe r) {
        return capitalised(e.name().replace('-', ' ')) + ", " + r.label();
    }

    static String comparisonName(Experiment e) {
        return e.name() + "-comparison";
    }

    static String comparisonTitle(Experiment e) {
        return e.title() + (e.hasPaper() ? ": paper and ours" : "");
    }

    /**
     * The recipe keys of all experiments, in first-seen order: the columns of the results table
     * and the series of the summary chart.
     */
    public static List<String> recipeKeys(List<ExperimentResult> results) {
        Set<String> keys = new LinkedHashSet<>();
        for (ExperimentResult r : results) for (Experiment.NamedRecipe recipe : r.experiment().recipes()) keys.add(recipe.key());
        return List.copyOf(keys);
    }

    /**
     * A recipe's name in a chart legend: "ours, " beside a paper, and its network where the
     * experiment's recipes do not all share one.
     */
    static String seriesLabel(Experiment e, Experiment.NamedRecipe r) {
        boolean oneNetwork = e.recipes().stream().map(x -> x.recipe().architecture().sizesText()).distinct().count() == 1;
        return (e.hasPaper() ? "ours, " : "") + r.label() + (oneNetwork ? "" : " (" + r.recipe().architecture().sizesText() + ")");
    }

    /** "1-3" for consecutive seeds, "1, 5, 9" otherwise. */
    static String seedsText(List<Long> seeds) {
        boolean consecutive = seeds.size() > 2;
        for (int i = 1; i < seeds.size(); i++) consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
        if (consecutive) return seeds.get(0) + "-" + seeds.get(seeds.size() - 1);
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    private static List<ComparisonChart.Bars> comparisonBars(ExperimentResult r) {
        Experiment e = r.experiment();
        List<ComparisonChart.Bars> bars = new ArrayList<>();
        if (e.hasPaper()) {
            bars.add(new ComparisonChart.Bars("paper", new double[] {e.paper().trainAccuracy() / 100, e.paper().testAccuracy() / 100},
                    null, NOT_GIVEN));
        }
        for (Experiment.NamedRecipe recipe : e.recipes()) {
            ExperimentResult.Stat train = r.trainAccuracy(recipe);
            ExperimentResult.Stat test = r.testAccuracy(recipe);
            bars.add(new ComparisonChart.Bars(seriesLabel(e, recipe), new double[] {train.mean() / 100, test.mean() / 100},
                    new double[] {train.std() / 100, test.std() / 100}, "diverged"));
        }
        return bars;
    }

    private static List<Path> summaryChart(Path figures, List<ExperimentResult> results, String mark) {
        List<String> names = new ArrayList<>();
        List<String> keys = recipeKeys(results);
        boolean anyPaper = results.stream().anyMatch(r -> r.experiment().hasPaper());
        double[] paper = new double[results.size()];
        double[][] mean = new double[keys.size()][results.size()];
        double[][] std = new double[keys.size()][results.size()];
        for (int i = 0; i < results.size(); i++) {
            ExperimentResult r = results.get(i);
            Experiment e = r.experiment();
            names.add(e.name());
            paper[i] = e.hasPaper() ? e.paper().testAccuracy() / 100 : Double.NaN;  // the charts take fractions
            for (int k = 0; k < keys.size(); k++) {
                Experiment.NamedRecipe recipe = e.recipe(keys.get(k));
                ExperimentResult.Stat s = recipe == null ? null : r.testAccuracy(recipe);
                mean[k][i] = s == null ? Double.NaN : s.mean() / 100;
                std[k][i] = s == null ? Double.NaN : s.std() / 100;
            }
        }
        List<ComparisonChart.Bars> bars = new ArrayList<>();
        if (anyPaper) bars.add(new ComparisonChart.Bars("paper", paper, null, NOT_GIVEN));
        for (int k = 0; k < keys.size(); k++) {
            String label = (anyPaper ? "ours, " : "") + keys.get(k).replace('_', ' ');
            bars.add(new ComparisonChart.Bars(label, mean[k], std[k], "-"));
        }
        return ComparisonChart.write(figures, SUMMARY, "Test accuracy" + (anyPaper ? ": the paper and ours" : "") + mark,
                names, bars);
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
