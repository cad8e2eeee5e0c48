package org.scratchnet.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy and loss against iteration in one figure: accuracy on the left, loss on the right,
 * several curves per panel (train, validation, test; or "as described" and "done right"), each
 * with an optional shaded band for its spread over seeds. Both panels are XChart XYCharts painted
 * side by side under one title.
 *
 * <p>Units: accuracy is given as a fraction in [0, 1] (as {@code History} records it) and drawn
 * in percent on an axis zoomed to the data, on round bounds (a fixed 0-100 axis flattens curves
 * near the top and hides the gap between train and validation). Bands are light, with their
 * edges drawn in the curve's colour, so where two overlap both stay readable. Loss is drawn on a log axis when its finite values are all positive and span a factor of
 * {@value #LOG_RATIO} or more, on a linear axis otherwise. Points whose x or y is NaN or infinite
 * are left out (a diverged run simply stops); a curve a label uses has one colour in both panels.
 *
 * <p>A learning rate that changes over the run (a schedule) is drawn in a small panel under the
 * loss, on the same iterations, so a change in the loss can be read against the rate that caused
 * it; the figure is then {@value #HEIGHT_WITH_RATE} pixels tall. A constant rate draws no panel.
 */
public final class TrainingCurves {

    /**
     * One curve: y against x, and optionally its spread as a band from lower to upper (for
     * example min..max or mean ± std over seeds). lower and upper are both given or both null.
     */
    public record Curve(String label, double[] x, double[] y, double[] lower, double[] upper) {
        public Curve {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("a curve needs a label");
            if (x == null || y == null) throw new IllegalArgumentException("curve '" + label + "' needs x and y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("curve '" + label + "' has " + x.length + " x values but "
                        + y.length + " y values");
            }
            if ((lower == null) != (upper == null)) {
                throw new IllegalArgumentException("curve '" + label + "' has " + (lower == null ? "upper" : "lower")
                        + " without " + (lower == null ? "lower" : "upper") + "; give both or neither");
            }
            if (lower != null && (lower.length != y.length || upper.length != y.length)) {
                throw new IllegalArgumentException("curve '" + label + "' has " + y.length + " y values but "
                        + lower.length + " lower and " + upper.length + " upper values");
            }
        }

        /** A curve without a band. */
        public Curve(String label, double[] x, double[] y) {
            this(label, x, y, null, null);
        }
    }

    static final int WIDTH = 1000;
    static final int HEIGHT = 450;
    static final int HEIGHT_WITH_RATE = 600;
    private static final int RATE_PANEL_HEIGHT = 170;
    private static final int TOP = 48;
    static final double LOG_RATIO = 100;

    private TrainingCurves() {}

    /** Writes dir/name.png and dir/name.svg (1000x450) without a subtitle; returns both paths. */
    public static List<Path> write(Path dir, String name, String title, List<Curve> accuracy, List<Curve> loss) {
        return write(dir, name, title, null, accuracy, loss);
    }

    /**
     * Writes dir/name.png and dir/name.svg (1000x450); returns both paths. The subtitle (null for
     * none) says what the curves are, for example the recipe and what the bands span.
     */
    public static List<Path> write(Path dir, String name, String title, String subtitle, List<Curve> accuracy,
                                   List<Curve> loss) {
        return write(dir, name, title, subtitle, accuracy, loss, List.of());
    }

    /**
     * The same with the learning rate against iteration in a panel under the loss, when some
     * curve of {@code learningRate} changes (1000x{@value #HEIGHT_WITH_RATE}); otherwise as above.
     */
    public static List<Path> write(Path dir, String name, String title, String subtitle, List<Curve> accuracy,
                                   List<Curve> loss, List<Curve> learningRate) {
        if (accuracy == null || loss == null || learningRate == null) {
            throw new IllegalArgumentException("accuracy, loss and learning rate lists must not be null");
        }
        if (accuracy.isEmpty() && loss.isEmpty()) throw new IllegalArgumentException("no curves to draw");
        uniqueLabels("accuracy", accuracy);
        uniqueLabels("loss", loss);
        uniqueLabels("learning rate", learningRate);
        for (Curve c : accuracy) {
            for (int i = 0; i < c.y().length; i++) {
                double v = c.y()[i];
                if (Double.isFinite(v) && (v < 0 || v > 1)) {
                    throw new IllegalArgumentException("accuracy curve '" + c.label() + "' has y[" + i + "] = " + v
                            + ", outside 0..1; give accuracy as a fraction (it is drawn in percent)");
                }
            }
        }
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Curve c : accuracy) colours.computeIfAbsent(c.label(), k -> Draw.series(colours.size()));
        for (Curve c : loss) colours.computeIfAbsent(c.label(), k -> Draw.series(colours.size()));
        boolean rate = learningRate.stream().anyMatch(TrainingCurves::changes);
        if (rate) for (Curve c : learningRate) colours.computeIfAbsent(c.label(), k -> Draw.series(colours.size()));

        int height = rate ? HEIGHT_WITH_RATE : HEIGHT;
        int panelWidth = WIDTH / 2;
        int panelHeight = height - TOP;
        int lossHeight = rate ? panelHeight - RATE_PANEL_HEIGHT : panelHeight;
        XYChart left = accuracyChart(accuracy, colours, panelWidth, panelHeight);
        XYChart right = lossChart(loss, colours, panelWidth, lossHeight);
        XYChart below = rate ? rateChart(learningRate, colours, panelWidth, RATE_PANEL_HEIGHT) : null;
        return Figures.write(dir, name, WIDTH, height, g -> {
            Draw.title(g, title, subtitle, WIDTH);
            paintAt(g, left, 0, TOP);
            paintAt(g, right, panelWidth, TOP);
            if (below != null) paintAt(g, below, panelWidth, TOP + lossHeight);
        });
    }

    /** True when the curve has two different finite values: a rate worth a panel. */
    static boolean changes(Curve c) {
        double first = Double.NaN;
        for (double v : c.y()) {
            if (!Double.isFinite(v)) continue;
            if (Double.isNaN(first)) first = v;
            else if (v != first) return true;
        }
        return false;
    }

    /** The learning rate: a log axis when it spans a factor of {@value #LOG_RATIO} or more (a decay to α/1000). */
    private static XYChart rateChart(List<Curve> curves, Map<String, Color> colours, int w, int h) {
        boolean log = logScale(curves);
        XYChart chart = panel(w, h, "Learning rate" + (log ? " (log scale)" : ""), "rate");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern(log ? "0.#E0" : "0.######");  // rates are small: 0.003, or 1E-5 on a log axis
        if (log) chart.getStyler().setYAxisLogarithmic(true);
        double min = smallestFinite(curves);
        for (Curve c : curves) addCurve(chart, c, false, log, min, colours.get(c.label()));
        return chart;
    }

    private static void paintAt(Graphics2D g, XYChart chart, int x, int y) {
        Draw.at(g, x, y, () -> chart.paint(g, chart.getWidth(), chart.getHeight()));
    }

    private static XYChart accuracyChart(List<Curve> curves, Map<String, Color> colours, int w, int h) {
        XYChart chart = panel(w, h, "Accuracy", "accuracy (%)");
        double[] range = accuracyRange(curves);
        chart.getStyler().setYAxisMin(range[0]).setYAxisMax(range[1]);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int drawn = 0;
        for (Curve c : curves) drawn += addCurve(chart, c, true, false, 0, colours.get(c.label())) ? 1 : 0;
        if (drawn == 0) chart.setTitle("Accuracy (no finite values)");
        return chart;
    }

    /**
     * The accuracy axis, in percent: the finite values of the curves and their bands with a
     * margin of 5% of their span, widened to round steps and kept within 0-100. A span under one
     * point is drawn as one point; no finite value at all gives 0-100.
     */
    static double[] accuracyRange(List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double[] ys : new double[][] {c.y(), c.lower(), c.upper()}) {
                if (ys == null) continue;
                for (double v : ys) {
                    if (!Double.isFinite(v)) continue;
                    lo = Math.min(lo, 100 * v);
                    hi = Math.max(hi, 100 * v);
                }
            }
        }
        if (lo > hi) return new double[] {0, 100};
        double span = Math.max(hi - lo, 1);
        double step = niceStep(span / 5);
        double margin = 0.05 * span;
        double min = Math.max(0, Math.floor((lo - margin) / step) * step);
        double max = Math.min(100, Math.ceil((hi + margin) / step) * step);
        if (max - min < step) max = Math.min(100, min + step);
        if (max - min < step) min = Math.max(0, max - step);
        return new double[] {min, max};
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code rough}. */
    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * power >= rough) return m * power;
        return 10 * power;
    }

    /** True when the finite loss values are all positive and the largest is at least LOG_RATIO times the smallest. */
    static boolean logScale(List<Curve> curves) {
        double min = smallestFinite(curves), max = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : c.y()) if (Double.isFinite(v)) max = Math.max(max, v);
        }
        return min > 0 && min < Double.POSITIVE_INFINITY && max / min >= LOG_RATIO;
    }

    private static double smallestFinite(List<Curve> curves) {
        double min = Double.POSITIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : c.y()) if (Double.isFinite(v)) min = Math.min(min, v);
        }
        return min;
    }

    private static XYChart lossChart(List<Curve> curves, Map<String, Color> colours, int w, int h) {
        boolean log = logScale(curves);
        double min = smallestFinite(curves);
        XYChart chart = panel(w, h, log ? "Loss (log scale)" : "Loss", "loss");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (log) chart.getStyler().setYAxisLogarithmic(true);
        else chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        int drawn = 0;
        for (Curve c : curves) drawn += addCurve(chart, c, false, log, min, colours.get(c.label())) ? 1 : 0;
        if (drawn == 0) chart.setTitle("Loss (no finite values)");
        return chart;
    }

    private static XYChart panel(int w, int h, String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle("iteration").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        styler.setLegendBorderColor(new Color(0xBB, 0xBB, 0xBB));
        styler.setChartTitleBoxVisible(false);
        styler.setXAxisDecimalPattern("#,##0");
        return chart;
    }

    /**
     * Adds the curve's band (if any, drawn first so the line stays on top) and its line, leaving
     * out non-finite points, and on a log axis points at or below zero (a band's lower edge is
     * raised to the smallest loss instead). An accuracy band is clipped to 0-100%. Returns whether
     * the line had a point to draw.
     */
    private static boolean addCurve(XYChart chart, Curve c, boolean percent, boolean log, double floor, Color colour) {
        double scale = percent ? 100 : 1;
        if (c.lower() != null) {
            List<double[]> top = new ArrayList<>(), bottom = new ArrayList<>();
            for (int i = 0; i < c.x().length; i++) {
                double x = c.x()[i], lo = c.lower()[i] * scale, hi = c.upper()[i] * scale;
                if (!Double.isFinite(x) || !Double.isFinite(lo) || !Double.isFinite(hi)) continue;
                if (percent) {
                    lo = Math.max(0, lo);
                    hi = Math.min(100, hi);
                }
                if (log) {
                    lo = Math.max(lo, floor);
                    if (hi <= 0) continue;
                }
                top.add(new double[] {x, hi});
                bottom.add(new double[] {x, lo});
            }
            if (top.size() >= 2) {
                int n = top.size();
                double[] px = new double[2 * n], py = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    px[i] = top.get(i)[0];
                    py[i] = top.get(i)[1];
                    px[2 * n - 1 - i] = bottom.get(i)[0];
                    py[2 * n - 1 - i] = bottom.get(i)[1];
                }
                XYSeries band = chart.addSeries(c.label() + " (band)", px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                // Light fills, so two overlapping bands mix to a pale tint rather than grey-brown, and
                // edges in the curve's own colour, so each band's extent stays readable.
                band.setFillColor(Draw.withAlpha(colour, 30));
                band.setLineColor(Draw.withAlpha(colour, 150));
                band.setLineStyle(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 3f}, 0f));
                band.setShowInLegend(false);
            }
        }
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < c.x().length; i++) {
            double x = c.x()[i], y = c.y()[i] * scale;
            if (!Double.isFinite(x) || !Double.isFinite(y) || (log && y <= 0)) continue;
            points.add(new double[] {x, y});
        }
        if (points.isEmpty()) return false;  // nothing finite to draw
        double[] px = new double[points.size()], py = new double[points.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = points.get(i)[0];
            py[i] = points.get(i)[1];
        }
        XYSeries line = chart.addSeries(c.label(), px, py);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(px.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        line.setMarkerColor(colour);
        line.setLineColor(colour);
        line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return true;
    }

    private static void uniqueLabels(String panel, List<Curve> curves) {
        Set<String> seen = new HashSet<>();
        for (Curve c : curves) {
            if (c == null) throw new IllegalArgumentException("the " + panel + " curves contain null");
            if (!seen.add(c.label())) {
                throw new IllegalArgumentException("two " + panel + " curves are both labelled '" + c.label()
                        + "'; labels name the legend entries and must differ");
            }
        }
    }
}
