package org.scratchnet.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scratchnet.nn.Activation;

/**
 * The paper's Figures 2-8: ReLU, sigmoid, tanh and softmax with their derivatives, computed by
 * the very {@link Activation} code the network runs (so a wrong derivative would show here too).
 *
 * <p>Softmax maps a vector to a vector; its figure shows one component, p = softmax(z, 0, ..., 0)₀
 * over ten classes, as z varies, with its derivative ∂p/∂z = p(1 - p) (the diagonal of the
 * softmax Jacobian, diag(p) - p pᵀ).
 */
public final class ActivationPlots {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    /** Points on the uniform grid; two more sit just beside z = 0 (see {@link #grid()}). */
    private static final int POINTS = 401;
    private static final double BESIDE_ZERO = 1e-3;
    private static final double Z_MIN = -6;
    private static final double Z_MAX = 6;

    private ActivationPlots() {}

    /** Writes activation-{relu,sigmoid,tanh,softmax}.{png,svg} and activations-all.{png,svg} into dir. */
    public static List<Path> write(Path dir) {
        List<Path> files = new ArrayList<>();
        double[] z = grid();
        int n = z.length;
        for (Activation g : Activation.values()) {
            double[] value = new double[n];
            double[] slope = new double[n];
            for (int i = 0; i < n; i++) {
                value[i] = g.apply((float) z[i]);
                slope[i] = g.derivative((float) z[i]);
            }
            files.addAll(Figures.write(functionChart(title(g), symbol(g), z, value, slope), dir, "activation-" + g.id()));
        }
        double[] p = new double[n];
        double[] dp = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(z[i]) / (Math.exp(z[i]) + 9);  // the other nine logits are 0
            dp[i] = p[i] * (1 - p[i]);
        }
        files.addAll(Figures.write(functionChart("Softmax (component 0 of 10, the others at 0)", "softmax(z)₀", z, p, dp),
                dir, "activation-softmax"));

        XYChart all = chart("Hidden activations g(z)", "g(z)");
        for (Activation g : Activation.values()) {
            double[] value = new double[n];
            for (int i = 0; i < n; i++) value[i] = g.apply((float) z[i]);
            line(all, symbol(g), z, value);
        }
        files.addAll(Figures.write(all, dir, "activations-all"));
        return files;
    }

    private static XYChart functionChart(String name, String symbol, double[] z, double[] value, double[] slope) {
        XYChart chart = chart(name + " and its derivative", "value");
        line(chart, symbol, z, value);
        line(chart, "derivative", z, slope);
        return chart;
    }

    /** "ReLU": the name a title gives the function, capitalised as the literature writes it. */
    static String title(Activation g) {
        return switch (g) {
            case RELU -> "ReLU";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
        };
    }

    /** "ReLU(z)": the function in a legend. */
    private static String symbol(Activation g) {
        return (g == Activation.RELU ? "ReLU" : g.id()) + "(z)";
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("z").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(Z_MIN);
        chart.getStyler().setXAxisMax(Z_MAX);
        chart.getStyler().setXAxisDecimalPattern("#0.#");
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    /**
     * A uniform grid from Z_MIN to Z_MAX through 0, plus a point just either side of 0. Those two
     * draw ReLU's kink and its derivative's step where they are, and they make the grid uneven:
     * on evenly spaced x values XChart puts its ticks on data points (-6, -5.3, ..., -0.1, 0.6),
     * on uneven ones at round numbers through 0.
     */
    static double[] grid() {
        double[] z = new double[POINTS + 2];
        int k = 0;
        for (int i = 0; i < POINTS; i++) {
            double v = Z_MIN + (Z_MAX - Z_MIN) * i / (POINTS - 1);
            if (v == 0) z[k++] = -BESIDE_ZERO;
            z[k++] = v;
            if (v == 0) z[k++] = BESIDE_ZERO;
        }
        return z;
    }

    static int width() {
        return WIDTH;
    }

    static int height() {
        return HEIGHT;
    }
}
