package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.plot.ComparisonChart.Bars;

class ComparisonChartTest {
    private static final double NaN = Double.NaN;
    private static final List<String> EXPERIMENTS = List.of("baseline", "sigmoid/tanh", "dropout", "xavier", "kaiming");

    @Test
    void drawsGroupedBarsWithErrorBarsAndGapsForMissingValues(@TempDir Path dir) throws Exception {
        List<Path> files = ComparisonChart.write(dir, "paper-vs-ours", "Test accuracy: paper and ours", EXPERIMENTS, List.of(
                new Bars("paper", new double[] {0.85, 0.684, 0.77, 0.25, 0.87}),
                new Bars("ours as described", new double[] {0.849, 0.112, NaN, 0.80, 0.87},
                        new double[] {0.01, 0.002, 0.01, NaN, 0.004}),
                new Bars("ours done right", new double[] {0.975, 0.97, 0.98, 0.976, 0.977},
                        new double[] {0.001, 0.002, 0.001, 0.002, 0.001})));
        FigureFiles.assertFigure(files, dir, "paper-vs-ours", ComparisonChart.WIDTH, ComparisonChart.HEIGHT);
    }

    @Test
    void aSeriesWithOnlyMissingValuesDrawsNothingButDoesNotFail(@TempDir Path dir) throws Exception {
        List<Path> files = ComparisonChart.write(dir, "sparse", "Sparse", List.of("a", "b"), List.of(
                new Bars("measured", new double[] {0.5, 0.9}, new double[] {0.1, 0.0}),
                new Bars("missing", new double[] {NaN, NaN}, new double[] {NaN, NaN}),
                new Bars("missing too", new double[] {NaN, NaN})));
        FigureFiles.assertFigure(files, dir, "sparse", ComparisonChart.WIDTH, ComparisonChart.HEIGHT);
    }

    @Test
    void barLabelsShowOneDecimalUnlessItIsZero() {
        assertThat(ComparisonChart.percent(84.94)).isEqualTo("84.9");
        assertThat(ComparisonChart.percent(97.0)).isEqualTo("97");
        assertThat(ComparisonChart.percent(99.96)).isEqualTo("100");
    }

    @Test
    void badBarsSayWhatIsWrong(@TempDir Path dir) {
        assertThatThrownBy(() -> new Bars("paper", new double[] {85, 68.4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bars 'paper' have values[0] = 85.0, outside 0..1; give accuracy as a fraction (it is drawn in percent), NaN if missing");
        assertThatThrownBy(() -> new Bars("ours", new double[] {0.5, 0.6}, new double[] {0.1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bars 'ours' have 2 values but 1 errors");
        assertThatThrownBy(() -> new Bars("ours", new double[] {0.5}, new double[] {-0.1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bars 'ours' have errors[0] = -0.1; an error is a spread in 0..1 (NaN for none)");
        assertThatThrownBy(() -> ComparisonChart.write(dir, "short", "t", EXPERIMENTS,
                List.of(new Bars("paper", new double[] {0.85, 0.684}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bars 'paper' have 2 values for 5 categories");
        Bars a = new Bars("paper", new double[] {0.5});
        assertThatThrownBy(() -> ComparisonChart.write(dir, "twice", "t", List.of("x"), List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two series are both labelled 'paper'; labels must differ");
        assertThatThrownBy(() -> ComparisonChart.write(dir, "none", "t", List.of(), List.of(a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no categories to draw");
    }
}
