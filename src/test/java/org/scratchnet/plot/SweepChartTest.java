package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.sweep.Sweep;
import org.scratchnet.sweep.TrialResult;

/**
 * The sweep figure in its three shapes: a random search's scatter on a log axis, a grid's lines
 * (one per value of the other field), and bars when nothing varied is a number; each written as a
 * PNG of the promised size and an SVG, with diverged trials left out.
 */
class SweepChartTest {
    @TempDir
    Path dir;

    private static TrialResult result(int trial, String search, List<Sweep.Varied> varied, Map<String, Object> values, Double accuracy) {
        return new TrialResult("s", "", trial, 6, search, varied, values, values, 42, "data", 90, 10, "plan",
                accuracy == null ? TrialResult.DIVERGED : TrialResult.FINISHED, accuracy, accuracy == null ? null : 0.3,
                accuracy == null ? null : 0.95, 1, null, 1.0, null, List.of());
    }

    @Test
    void everyShapeIsWrittenAsPngAndSvg() throws Exception {
        List<Sweep.Varied> logRate = List.of(new Sweep.Varied("learning_rate", Sweep.Scale.LOG), new Sweep.Varied("dropout", Sweep.Scale.LINEAR));
        List<TrialResult> random = new ArrayList<>();
        double[] rates = {1e-4, 3.2e-4, 0.0011, 0.0047, 0.02};
        for (int i = 0; i < rates.length; i++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("learning_rate", rates[i]);
            v.put("dropout", 0.1 * i);
            random.add(result(i, "random", logRate, v, 0.8 + 0.02 * i));
        }
        random.add(result(5, "random", logRate, Map.of("learning_rate", 10.0, "dropout", 0.5), null));
        assertWritten(SweepChart.write(random, dir, "random"));

        List<Sweep.Varied> names = List.of(new Sweep.Varied("optimizer", Sweep.Scale.CATEGORY));
        List<TrialResult> bars = List.of(result(0, "grid", names, Map.of("optimizer", "adam"), 0.9),
                result(1, "grid", names, Map.of("optimizer", "sgd"), 0.85));
        assertWritten(SweepChart.write(bars, dir, "bars"));
    }

    private static void assertWritten(List<Path> files) throws Exception {
        assertThat(files).hasSize(2);
        assertThat(ImageIO.read(files.get(0).toFile()).getWidth()).isEqualTo(760);
        assertThat(Files.readString(files.get(1))).contains("<svg");
    }
}
