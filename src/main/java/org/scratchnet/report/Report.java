package org.scratchnet.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Writes a reproduction's report into a folder:
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

        List<Path> files = new ArrayList<>();
        Map<String, String> figureOf = new LinkedHashMap<>();
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            for (Experiment.Variant v : Experiment.Variant.values()) {
                List<RunResult> rs = r.runs().get(v);
                for (RunResult run : rs) {
                    if (run.ok()) run.history().writeCsv(runs.resolve(e.name() + "-" + v.slug() + "-seed" + run.seed() + ".csv"));
                }
                String name = curvesName(e, v);
                files.addAll(TrainingCurves.write(figures, name, e.title() + ", " + v.label,
                        Curves.accuracy(rs), Curves.loss(rs)));
            }
            files.addAll(ComparisonChart.write(figures, comparisonName(e), e.title() + ": paper and ours",
                    List.of("train", "test"), List.of(
                            new ComparisonChart.Bars("paper", new double[] {e.paper().trainAccuracy() / 100, e.paper().testAccuracy() / 100}, null),
                            bars(r, Experiment.Variant.AS_DESCRIBED), bars(r, Experiment.Variant.DONE_RIGHT))));
        }
        files.addAll(summaryChart(figures, results));
        files.addAll(ActivationPlots.write(figures));

        BestModel best = BestModel.of(results);
        if (best != null) {
            best = best.evaluate(test, figures);
            files.addAll(best.figures());
        }
        RunResult small = BestModel.drawSmallNetwork(results, figures, files);

        Path md = out.resolve("REPORT.md");
        String markdown = ReportMarkdown.render(results, best, small, context);
        AtomicFiles.writeString(md, markdown);
        Path html = out.resolve("index.html");
        AtomicFiles.writeString(html, HtmlPage.render("Reproducing the paper: ScratchNet report", markdown));
        Path json = out.resolve("results.json");
        AtomicFiles.writeString(json, ResultsJson.render(results, best, context));
        return new Written(out, md, html, json, files);
    }

    static String curvesName(Experiment e, Experiment.Variant v) {
        return e.name() + "-curves-" + v.slug();
    }

    static String comparisonName(Experiment e) {
        return e.name() + "-comparison";
    }

    static final String SUMMARY = "summary-test-accuracy";

    private static ComparisonChart.Bars bars(ExperimentResult r, Experiment.Variant v) {
        ExperimentResult.Stat train = r.trainAccuracy(v);
        ExperimentResult.Stat test = r.testAccuracy(v);
        return new ComparisonChart.Bars("ours, " + v.label, new double[] {train.mean() / 100, test.mean() / 100},
                new double[] {train.std() / 100, test.std() / 100});
    }

    private static List<Path> summaryChart(Path figures, List<ExperimentResult> results) {
        List<String> names = new ArrayList<>();
        double[] paper = new double[results.size()];
        double[][] mean = new double[2][results.size()];
        double[][] std = new double[2][results.size()];
        for (int i = 0; i < results.size(); i++) {
            ExperimentResult r = results.get(i);
            names.add(r.experiment().name());
            paper[i] = r.experiment().paper().testAccuracy() / 100;  // the charts take fractions
            for (Experiment.Variant v : Experiment.Variant.values()) {
                mean[v.ordinal()][i] = r.testAccuracy(v).mean() / 100;
                std[v.ordinal()][i] = r.testAccuracy(v).std() / 100;
            }
        }
        return ComparisonChart.write(figures, SUMMARY, "Test accuracy: the paper and ours", names, List.of(
                new ComparisonChart.Bars("paper", paper, null),
                new ComparisonChart.Bars("ours, as described", mean[0], std[0]),
                new ComparisonChart.Bars("ours, done right", mean[1], std[1])));
    }
}
