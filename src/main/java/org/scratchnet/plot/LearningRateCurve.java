package org.scratchnet.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scratchnet.train.LearningRateFinder;

/**
 * The figure of a learning-rate range test: the batch losses and the smoothed loss against the
 * rate on a logarithmic axis, with the suggested rate marked, as PNG and SVG. The loss axis is
 * scaled to the smoothed curve, not to the spikes of the batch losses where the test diverged.
 */
public final class LearningRateCurve {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;

    private LearningRateCurve() {}

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    public static List<Path> write(LearningRateFinder.Result result, Path dir, String name) {
        List<LearningRateFinder.Point> points = result.points();
        int n = points.size();
        double[] rate = new double[n];
        double[] loss = new double[n];
        double[] smoothed = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = points.get(i).rate();
            loss[i] = points.get(i).loss();
            smoothed[i] = points.get(i).smoothed();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning-rate range test")
                .xAxisTitle("learning rate (log scale)").yAxisTitle("training loss").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        // The batch losses of the last updates, where the rate is too high, jump to tens or
        // hundreds of times the rest and would flatten everything else to a line at the bottom: the
        // axis ends a little above the smoothed curve, where the test itself draws its line, and
        // the batch losses above it are cut off at the top.
        double top = 0;
        for (double v : smoothed) if (Double.isFinite(v)) top = Math.max(top, v);
        if (top > 0) {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(top * 1.15);
        }
        XYSeries raw = chart.addSeries("batch loss", rate, loss);
        raw.setMarker(SeriesMarkers.NONE);
        raw.setLineColor(new Color(0xB0, 0xC4, 0xDE));
        XYSeries smooth = chart.addSeries("smoothed loss", rate, smoothed);
        smooth.setMarker(SeriesMarkers.NONE);
        smooth.setLineColor(new Color(0x1F, 0x4E, 0x9A));
        if (Double.isFinite(result.suggestion())) {
            double at = smoothedAt(points, result.suggestion());
            XYSeries mark = chart.addSeries(String.format(java.util.Locale.ROOT, "suggested %.3g", result.suggestion()),
                    new double[] {result.suggestion()}, new double[] {at});
            mark.setMarker(SeriesMarkers.CIRCLE);
            mark.setMarkerColor(new Color(0xC0, 0x39, 0x2B));
            mark.setLineColor(new Color(0xC0, 0x39, 0x2B));
        }
        return Figures.write(chart, dir, name);
    }

    private static double smoothedAt(List<LearningRateFinder.Point> points, double rate) {
        for (LearningRateFinder.Point p : points) if (p.rate() == rate) return p.smoothed();
        return points.get(points.size() - 1).smoothed();
    }
}
