package org.scratchnet.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart of accuracies: one group per category (experiment), one bar per series
 * within it (for example "paper", "ours as described", "ours done right"), with error bars and
 * the value written on each bar. Drawn with XChart's CategoryChart.
 *
 * <p>Units: values and errors are fractions in [0, 1] (as the evaluation reports accuracy) and
 * are drawn in percent on a fixed 0-100 axis. A NaN value means "not measured": its bar is left
 * out, and the series' {@code missing} text (for example "not given") is written in its place,
 * so an absent bar is not mistaken for a zero or a drawing fault. A NaN error draws no error
 * bar; errors is null for a series without spreads.
 */
public final class ComparisonChart {

    /**
     * One series of bars: a label for the legend, a value per category, optional ± errors, and
     * the text written where a value is missing (null: leave the place blank).
     */
    public record Bars(String label, double[] values, double[] errors, String missing) {
        public Bars {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("a series of bars needs a label");
            if (values == null) throw new IllegalArgumentException("bars '" + label + "' need values");
            if (errors != null && errors.length != values.length) {
                throw new IllegalArgumentException("bars '" + label + "' have " + values.length + " values but "
                        + errors.length + " errors");
            }
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!Double.isNaN(v) && !(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("bars '" + label + "' have values[" + i + "] = " + v
                            + ", outside 0..1; give accuracy as a fraction (it is drawn in percent), NaN if missing");
                }
                if (errors != null && !Double.isNaN(errors[i]) && !(errors[i] >= 0 && errors[i] <= 1)) {
                    throw new IllegalArgumentException("bars '" + label + "' have errors[" + i + "] = " + errors[i]
                            + "; an error is a spread in 0..1 (NaN for none)");
                }
            }
        }

        /** Bars whose missing values leave a blank. */
        public Bars(String label, double[] values, double[] errors) {
            this(label, values, errors, null);
        }

        /** Bars without error bars. */
        public Bars(String label, double[] values) {
            this(label, values, null, null);
        }
    }

    static final int WIDTH = 800;
    /** The share of each category's width its bars fill. */
    private static final double AVAILABLE_SPACE = 0.8;
    static final int HEIGHT = 450;

    private ComparisonChart() {}

    /** Writes dir/name.png and dir/name.svg (800x450); returns both paths. */
    public static List<Path> write(Path dir, String name, String title, List<String> categories, List<Bars> series) {
        if (categories == null || categories.isEmpty()) throw new IllegalArgumentException("no categories to draw");
        if (series == null || series.isEmpty()) throw new IllegalArgumentException("no series of bars to draw");
        Set<String> seen = new HashSet<>();
        for (String c : categories) {
            if (c == null) throw new IllegalArgumentException("the categories contain null");
            if (!seen.add(c)) throw new IllegalArgumentException("category '" + c + "' appears twice");
        }
        Set<String> labels = new HashSet<>();
        for (Bars b : series) {
            if (b == null) throw new IllegalArgumentException("the series contain null");
            if (b.values().length != categories.size()) {
                throw new IllegalArgumentException("bars '" + b.label() + "' have " + b.values().length + " values for "
                        + categories.size() + " categories");
            }
            if (!labels.add(b.label())) {
                throw new IllegalArgumentException("two series are both labelled '" + b.label() + "'; labels must differ");
            }
        }

        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("").yAxisTitle("accuracy (%)").build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setyAxisTickLabelsFormattingFunction(ComparisonChart::percent);  // ticks and the labels on the bars
        styler.setAvailableSpaceFill(AVAILABLE_SPACE);
        styler.setOverlapped(false);
        styler.setErrorBarsColor(new Color(0x33, 0x33, 0x33));
        styler.setErrorBarsColorSeriesColor(false);
        double barWidth = 0.8 * (WIDTH - 120) / categories.size() / series.size();
        styler.setLabelsVisible(true);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, barWidth >= 36 ? 11 : 10));
        styler.setLabelsRotation(barWidth >= 30 ? 0 : 90);
        styler.setLabelsPosition(0.5);
        styler.setLabelsFontColorAutomaticEnabled(true);
        styler.setLabelsFontColorAutomaticLight(Color.WHITE);
        styler.setLabelsFontColorAutomaticDark(Color.BLACK);

        int i = 0;
        for (Bars b : series) {
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (int k = 0; k < b.values().length; k++) {
                double v = b.values()[k];
                values.add(Double.isNaN(v) ? Double.NaN : 100 * v);  // XChart leaves a NaN bar out (a null breaks its error-bar range)
                double e = b.errors() == null || Double.isNaN(b.errors()[k]) || Double.isNaN(v) ? 0 : 100 * b.errors()[k];
                errors.add(e);
            }
            CategorySeries s = b.errors() == null
                    ? chart.addSeries(b.label(), categories, values)
                    : chart.addSeries(b.label(), categories, values, errors);
            s.setFillColor(Draw.series(i++));
        }
        return Figures.write(dir, name, WIDTH, HEIGHT, g -> {
            chart.paint(g, WIDTH, HEIGHT);
            markMissing(g, chart, categories.size(), series);
        });
    }

    /**
     * Writes each series' missing text, upright, where its absent bar would stand. XChart gives
     * category i the span from screen x(i) to x(i + 1) and fills {@code AVAILABLE_SPACE} of it
     * with the series' bars side by side, centred on x(i + 0.5).
     */
    private static void markMissing(Graphics2D g, CategoryChart chart, int categories, List<Bars> series) {
        double span = chart.getScreenXFromChart(1) - chart.getScreenXFromChart(0);
        double bar = AVAILABLE_SPACE * span / series.size();
        double base = chart.getScreenYFromChart(0);
        g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
        g.setColor(new Color(0x55, 0x55, 0x55));
        for (int k = 0; k < series.size(); k++) {
            Bars b = series.get(k);
            if (b.missing() == null) continue;
            for (int i = 0; i < categories && i < b.values().length; i++) {
                if (!Double.isNaN(b.values()[i])) continue;
                double cx = chart.getScreenXFromChart(i + 0.5) + (k - (series.size() - 1) / 2.0) * bar;
                Draw.at(g, cx, base - 6, () -> {
                    g.rotate(-Math.PI / 2);
                    g.drawString(b.missing(), 0, g.getFontMetrics().getAscent() / 2f - 1);
                });
            }
        }
    }

    /** 84.94 -> "84.9", 97.0 -> "97". */
    static String percent(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
