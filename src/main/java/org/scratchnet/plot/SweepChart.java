package org.scratchnet.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scratchnet.sweep.Sweep;
import org.scratchnet.sweep.Trial;
import org.scratchnet.sweep.TrialResult;

/**
 * The figure of a sweep, as PNG and SVG: each finished trial's validation accuracy against the
 * first numeric field the sweep varies (on a log axis when the field is drawn on one: a
 * log-uniform range, or a grid spanning a decade), one series per combination of the other
 * varied values (joined by lines for a grid, bare markers for random samples); when no varied
 * field is a number, a bar per trial, best first. Diverged trials have no accuracy to draw.
 */
public final class SweepChart {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    /** More series than this are drawn as one: a legend of dozens of combinations reads as noise. */
    private static final int MAX_SERIES = 8;

    private SweepChart() {}

    /** Writes {@code dir/name.png} and {@code dir/name.svg} for the results (sorted best first); returns both paths. */
    public static List<Path> write(List<TrialResult> sorted, Path dir, String name) {
        List<TrialResult> finished = sorted.stream().filter(TrialResult::finished).toList();
        TrialResult any = sorted.isEmpty() ? null : sorted.get(0);
        String title = any == null ? "Sweep: no trial finished" : "Sweep " + any.sweep() + ": validation accuracy";
        Sweep.Varied x = any == null ? null : any.varied().stream().filter(v -> v.scale() != Sweep.Scale.CATEGORY).findFirst().orElse(null);
        if (x == null || finished.isEmpty()) return bars(finished, title, dir, name);

        Map<String, List<TrialResult>> series = new LinkedHashMap<>();
        for (TrialResult r : finished) {
            Map<String, Object> others = new LinkedHashMap<>(r.values());
            others.remove(x.field());
            series.computeIfAbsent(others.isEmpty() ? "trials" : Trial.describe(others), k -> new ArrayList<>()).add(r);
        }
        if (series.size() > MAX_SERIES) series = Map.of("trials", finished);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(x.field() + (x.scale() == Sweep.Scale.LOG ? " (log scale)" : ""))
                .yAxisTitle("validation accuracy (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(x.scale() == Sweep.Scale.LOG);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendVisible(series.size() > 1 || !series.containsKey("trials"));
        boolean lines = "grid".equals(any.search());
        for (Map.Entry<String, List<TrialResult>> e : series.entrySet()) {
            List<TrialResult> points = new ArrayList<>(e.getValue());
            points.sort((a, b) -> Double.compare(number(a, x), number(b, x)));
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = number(points.get(i), x);
                ys[i] = 100 * points.get(i).validationAccuracy();
            }
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (!lines) s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return Figures.write(chart, dir, name);
    }

    private static double number(TrialResult r, Sweep.Varied x) {
        return ((Number) r.values().get(x.field())).doubleValue();
    }

    /** A bar per finished trial, best first, labelled by its number. */
    private static List<Path> bars(List<TrialResult> finished, String title, Path dir, String name) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("trial (best first)").yAxisTitle("validation accuracy (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (TrialResult r : finished) {
            labels.add(Integer.toString(r.trial()));
            values.add(100 * r.validationAccuracy());
        }
        if (labels.isEmpty()) {
            labels.add("none");
            values.add(0.0);
        }
        chart.addSeries("validation accuracy", labels, values);
        return Figures.write(chart, dir, name);
    }
}
