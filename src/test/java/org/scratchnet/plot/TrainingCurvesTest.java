package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.plot.TrainingCurves.Curve;

class TrainingCurvesTest {
    private static final double NaN = Double.NaN;
    private static final double[] X = {0, 10, 20, 30, 40, 50};

    @Test
    void drawsAccuracyAndLossPanelsWithBandsAsPngAndSvg(@TempDir Path dir) throws Exception {
        double[] train = {0.10, 0.55, 0.72, 0.80, 0.84, 0.85};
        double[] test = {0.09, 0.53, 0.70, 0.78, 0.82, 0.84};
        double[] low = {0.08, 0.50, 0.68, 0.76, 0.80, 0.83};
        double[] high = {0.10, 0.56, 0.73, 0.80, 0.84, 0.86};
        double[] loss = {2.30, 1.20, 0.80, 0.60, 0.50, 0.45};
        List<Path> files = TrainingCurves.write(dir, "baseline", "Baseline 784-10-10",
                List.of(new Curve("train", X, train), new Curve("test", X, test, low, high)),
                List.of(new Curve("train", X, loss), new Curve("test", X, loss, loss, loss)));
        FigureFiles.assertFigure(files, dir, "baseline", TrainingCurves.WIDTH, TrainingCurves.HEIGHT);
        assertThat(TrainingCurves.WIDTH).isEqualTo(1000);
        assertThat(TrainingCurves.HEIGHT).isEqualTo(450);
    }

    @Test
    void aChangingLearningRateGetsAPanelUnderTheLossAndAConstantOneNone(@TempDir Path dir) throws Exception {
        double[] accuracy = {0.10, 0.55, 0.72, 0.80, 0.84, 0.85};
        double[] loss = {2.30, 1.20, 0.80, 0.60, 0.50, 0.45};
        double[] oneCycle = {NaN, 0.004, 0.01, 0.004, 0.001, 0.00001};  // NaN: the start row, before any update
        List<Path> files = TrainingCurves.write(dir, "scheduled", "One cycle", "adam, onecycle",
                List.of(new Curve("train", X, accuracy)), List.of(new Curve("train", X, loss)),
                List.of(new Curve("learning rate", X, oneCycle)));
        java.awt.image.BufferedImage png = FigureFiles.assertFigure(files, dir, "scheduled", TrainingCurves.WIDTH,
                TrainingCurves.HEIGHT_WITH_RATE);
        // The panel's curve is drawn in a colour of its own in the lower right of the figure.
        int drawn = 0;
        for (int y = TrainingCurves.HEIGHT_WITH_RATE - 150; y < TrainingCurves.HEIGHT_WITH_RATE; y++) {
            for (int x = TrainingCurves.WIDTH / 2; x < TrainingCurves.WIDTH; x++) {
                java.awt.Color c = new java.awt.Color(png.getRGB(x, y));
                if (Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue())) - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue())) > 80) drawn++;
            }
        }
        assertThat(drawn).as("coloured pixels of the rate's curve").isGreaterThan(100);

        files = TrainingCurves.write(dir, "constant", "Constant", null, List.of(new Curve("train", X, accuracy)),
                List.of(new Curve("train", X, loss)), List.of(new Curve("learning rate", X, new double[] {NaN, 0.1, 0.1, 0.1, 0.1, 0.1})));
        FigureFiles.assertFigure(files, dir, "constant", TrainingCurves.WIDTH, TrainingCurves.HEIGHT);
        assertThat(TrainingCurves.changes(new Curve("r", X, new double[] {NaN, 0.1, 0.1, 0.1, 0.1, 0.2}))).isTrue();
    }

    @Test
    void skipsNaNAndInfinitePointsAndCopesWithAnEmptyPanel(@TempDir Path dir) throws Exception {
        double[] accuracy = {0.1, NaN, 0.5, NaN, 0.8, 0.9};
        double[] diverged = {2.3, 5.0, 1e12, Double.POSITIVE_INFINITY, NaN, NaN};
        double[] allNaN = {NaN, NaN, NaN, NaN, NaN, NaN};
        List<Path> files = TrainingCurves.write(dir, "nan", "Diverged run",
                List.of(new Curve("train", X, accuracy, allNaN, accuracy), new Curve("validation", X, allNaN)),
                List.of(new Curve("train", X, diverged)));
        FigureFiles.assertFigure(files, dir, "nan", TrainingCurves.WIDTH, TrainingCurves.HEIGHT);

        files = TrainingCurves.write(dir, "no-loss", "Accuracy only", List.of(new Curve("train", X, accuracy)), List.of());
        FigureFiles.assertFigure(files, dir, "no-loss", TrainingCurves.WIDTH, TrainingCurves.HEIGHT);
    }

    @Test
    void theAccuracyAxisIsZoomedToTheDataOnRoundBounds() {
        // done-right curves between 91.2% and 98.4% (with bands): a 7.2-point span, steps of 2
        Curve train = new Curve("train", new double[] {0, 1}, new double[] {0.93, 0.984});
        Curve validation = new Curve("validation", new double[] {0, 1}, new double[] {0.92, 0.958},
                new double[] {0.912, 0.95}, new double[] {0.93, 0.962});
        assertThat(TrainingCurves.accuracyRange(List.of(train, validation))).containsExactly(90.0, 100.0);
        // curves between 80% and 86%: steps of 2, with a margin
        Curve late = new Curve("train", new double[] {0, 10, 500}, new double[] {0.80, 0.83, 0.86});
        assertThat(TrainingCurves.accuracyRange(List.of(late))).containsExactly(78.0, 88.0);
        // a full-batch curve from chance (10%) to 85%: the whole climb is shown
        Curve climb = new Curve("train", new double[] {0, 10, 500}, new double[] {0.1, 0.5, 0.85});
        assertThat(TrainingCurves.accuracyRange(List.of(climb))).containsExactly(0.0, 100.0);
        // a flat curve still gets a readable span; no finite value gives the full axis
        Curve flat = new Curve("train", new double[] {0, 1}, new double[] {0.5, 0.5});
        assertThat(TrainingCurves.accuracyRange(List.of(flat))).containsExactly(new double[] {49.8, 50.2}, within(1e-9));
        assertThat(TrainingCurves.accuracyRange(List.of(new Curve("x", new double[] {0}, new double[] {NaN}))))
                .containsExactly(0.0, 100.0);
    }

    @Test
    void lossGetsALogAxisOnlyWhenItSpansTwoOrdersOfMagnitude() {
        Curve wide = new Curve("train", new double[] {0, 1, 2}, new double[] {2.3, 0.1, 0.02});        // 115x
        Curve narrow = new Curve("train", new double[] {0, 1, 2}, new double[] {2.3, 0.5, 0.03});      // 77x
        Curve withZero = new Curve("train", new double[] {0, 1, 2}, new double[] {2.3, 0.001, 0});
        Curve nanAside = new Curve("train", new double[] {0, 1, 2}, new double[] {NaN, 0.5, 0.4});
        assertThat(TrainingCurves.logScale(List.of(wide))).isTrue();
        assertThat(TrainingCurves.logScale(List.of(narrow))).isFalse();
        assertThat(TrainingCurves.logScale(List.of(withZero))).isFalse();
        assertThat(TrainingCurves.logScale(List.of(nanAside))).isFalse();
        assertThat(TrainingCurves.logScale(List.of())).isFalse();
    }

    @Test
    void badCurvesSayWhatIsWrong(@TempDir Path dir) {
        assertThatThrownBy(() -> new Curve("train", new double[3], new double[2], null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("curve 'train' has 3 x values but 2 y values");
        assertThatThrownBy(() -> new Curve("test", new double[2], new double[2], new double[2], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("curve 'test' has lower without upper; give both or neither");
        assertThatThrownBy(() -> new Curve("test", new double[2], new double[2], new double[1], new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("curve 'test' has 2 y values but 1 lower and 2 upper values");
        assertThatThrownBy(() -> TrainingCurves.write(dir, "pct", "t",
                List.of(new Curve("train", new double[] {0, 1}, new double[] {10, 85})), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accuracy curve 'train' has y[0] = 10.0, outside 0..1; give accuracy as a fraction (it is drawn in percent)");
        Curve a = new Curve("train", new double[] {0}, new double[] {1});
        assertThatThrownBy(() -> TrainingCurves.write(dir, "twice", "t", List.of(), List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two loss curves are both labelled 'train'; labels name the legend entries and must differ");
        assertThatThrownBy(() -> TrainingCurves.write(dir, "none", "t", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no curves to draw");
    }
}
