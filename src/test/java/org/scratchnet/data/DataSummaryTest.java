package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DataSummary on a hand-computed toy set, and on real MNIST against its well-known statistics
 * (mean 0.1307, std 0.3081 over the training pixels).
 */
class DataSummaryTest {

    /** Three 2-pixel examples: [0, 1] label 0, [0.5, 0.5] label 1, [0, 0] label 1. */
    private static Dataset toy() {
        return new Dataset(new float[] {0, 1, 0.5f, 0.5f, 0, 0}, new int[] {0, 1, 1}, 3, 2, 3, "toy");
    }

    @Test
    void toyStatisticsMatchHandComputedValues() {
        DataSummary s = DataSummary.of(toy());
        assertThat(s.size).isEqualTo(3);
        assertThat(s.counts).containsExactly(1, 2, 0);
        assertThat(s.fraction(1)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(s.mean).isCloseTo(2 / 6.0, within(1e-9));
        // E[x^2] = (1 + 0.25 + 0.25) / 6 = 0.25; var = 0.25 - 1/9
        assertThat(s.std).isCloseTo(Math.sqrt(0.25 - 1 / 9.0), within(1e-9));
        assertThat(s.min).isEqualTo(0);
        assertThat(s.max).isEqualTo(1);
        assertThat(s.zeroFraction).isCloseTo(3 / 6.0, within(1e-12));
        assertThat(s.meanBrightness[0]).isCloseTo(0.5, within(1e-9));
        assertThat(s.meanBrightness[1]).isCloseTo(0.25, within(1e-9));
        assertThat(s.meanBrightness[2]).isNaN();
        assertThat(s.imbalance()).isInfinite();
    }

    @Test
    void realMnistHasItsKnownMeanAndStd() {
        DataSummary s = DataSummary.of(TestData.mnist()[0]);
        assertThat(s.mean).isCloseTo(0.1307, within(1e-4));
        assertThat(s.std).isCloseTo(0.3081, within(1e-4));
        assertThat(s.counts[1]).isEqualTo(6742);
        assertThat(s.meanBrightness[1]).as("a 1 uses the least ink").isLessThan(s.meanBrightness[0]);
        assertThat(s.imbalance()).isCloseTo(6742 / 5421.0, within(1e-9));

        String table = s.format();
        assertThat(table).contains("examples  60000").contains("784 (28 x 28 pixels)")
                .contains("mean 0.1307").contains("    1      6742   11.24%");
        // aligned: every class row has the same length
        List<String> rows = table.lines().filter(l -> l.matches("\\s+\\d .*")).toList();
        assertThat(rows).hasSize(10);
        assertThat(rows.stream().map(String::length).distinct()).hasSize(1);
    }

    @Test
    void jsonHasStableKeysAndSerialises() {
        Map<String, Object> json = DataSummary.of(toy()).toJson();
        assertThat(json.keySet()).containsExactly("source", "size", "features", "classes", "labelled",
                "pixels", "per_class", "imbalance");
        String text = new Gson().toJson(json);
        assertThat(text).contains("\"size\":3").contains("\"zero_fraction\":0.5").contains("\"label\":2,\"count\":0");
    }

    @Test
    void unlabelledDataSaysSo() {
        Dataset d = new Dataset(new float[] {0, 1}, null, 1, 2, 10, "test.csv");
        DataSummary s = DataSummary.of(d);
        assertThat(s.format()).contains("labels    none");
        assertThat(s.toJson()).doesNotContainKey("per_class");
    }
}
