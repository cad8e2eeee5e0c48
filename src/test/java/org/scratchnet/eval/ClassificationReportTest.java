package org.scratchnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Metrics checked against numbers worked out by hand in the comments. */
class ClassificationReportTest {

    private static final Offset<Double> TOL = within(1e-12);

    /** A matrix from its table: rows actual, columns predicted. */
    private static ConfusionMatrix matrix(long[][] table) {
        ConfusionMatrix cm = new ConfusionMatrix(table.length);
        for (int a = 0; a < table.length; a++) {
            for (int p = 0; p < table.length; p++) {
                for (long k = 0; k < table[a][p]; k++) cm.add(a, p);
            }
        }
        return cm;
    }

    @Test
    void threeClassExampleMatchesHandComputation() {
        //            predicted 0  1  2    support
        // actual 0             8  1  1    10
        // actual 1             2  3  0     5
        // actual 2             1  0  4     5
        // predicted totals    11  4  5    total 20
        //
        // precision = TP / column total: 8/11, 3/4, 4/5
        // recall    = TP / row total:    8/10, 3/5, 4/5
        // f1 = 2TP / (column + row):     16/21, 6/9, 8/10
        // accuracy = (8+3+4)/20 = 0.75
        ClassificationReport r = ClassificationReport.of(matrix(new long[][] {{8, 1, 1}, {2, 3, 0}, {1, 0, 4}}));

        assertThat(r.accuracy()).isCloseTo(0.75, TOL);
        assertThat(r.precision(0)).isCloseTo(8.0 / 11, TOL);
        assertThat(r.precision(1)).isCloseTo(0.75, TOL);
        assertThat(r.precision(2)).isCloseTo(0.8, TOL);
        assertThat(r.recall(0)).isCloseTo(0.8, TOL);
        assertThat(r.recall(1)).isCloseTo(0.6, TOL);
        assertThat(r.recall(2)).isCloseTo(0.8, TOL);
        assertThat(r.f1(0)).isCloseTo(16.0 / 21, TOL);
        assertThat(r.f1(1)).isCloseTo(6.0 / 9, TOL);
        assertThat(r.f1(2)).isCloseTo(0.8, TOL);
        assertThat(r.support(0)).isEqualTo(10);
        assertThat(r.support(1)).isEqualTo(5);

        // macro: plain means; weighted: supports 10, 5, 5 over 20.
        assertThat(r.macroPrecision()).isCloseTo((8.0 / 11 + 0.75 + 0.8) / 3, TOL);
        assertThat(r.macroRecall()).isCloseTo((0.8 + 0.6 + 0.8) / 3, TOL);
        assertThat(r.macroF1()).isCloseTo((16.0 / 21 + 6.0 / 9 + 0.8) / 3, TOL);
        assertThat(r.weightedPrecision()).isCloseTo((10 * 8.0 / 11 + 5 * 0.75 + 5 * 0.8) / 20, TOL); // 0.751136
        assertThat(r.weightedRecall()).isCloseTo(0.75, TOL); // weighted recall is always the accuracy
        assertThat(r.weightedF1()).isCloseTo((10 * 16.0 / 21 + 5 * 6.0 / 9 + 5 * 0.8) / 20, TOL); // 0.747619
    }

    @Test
    void classNeverPredictedHasPrecisionZeroByTheZeroOverZeroRule() {
        //            predicted 0  1  2
        // actual 0             3  0  0
        // actual 1             1  0  1     <- class 1 is never predicted: precision 0/0 := 0
        // actual 2             0  0  2
        ClassificationReport r = ClassificationReport.of(matrix(new long[][] {{3, 0, 0}, {1, 0, 1}, {0, 0, 2}}));

        assertThat(r.precision(1)).isZero();
        assertThat(r.recall(1)).isZero(); // 0/2
        assertThat(r.f1(1)).isZero(); // P + R = 0, so 0 as well
        assertThat(r.support(1)).isEqualTo(2);
        assertThat(r.precision(0)).isCloseTo(0.75, TOL); // 3/4
        assertThat(r.macroPrecision()).isCloseTo((0.75 + 0 + 2.0 / 3) / 3, TOL);
    }

    @Test
    void classWithoutExamplesAndEmptyMatrixGiveZerosNotNaN() {
        // Class 2 never occurs and is never predicted: every ratio for it is 0/0.
        ClassificationReport r = ClassificationReport.of(matrix(new long[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 0}}));
        assertThat(r.recall(2)).isZero();
        assertThat(r.precision(2)).isZero();
        assertThat(r.macroRecall()).isCloseTo(2.0 / 3, TOL); // it still counts in the macro mean
        assertThat(r.weightedRecall()).isCloseTo(1.0, TOL); // but carries no weight

        ClassificationReport empty = ClassificationReport.of(new ConfusionMatrix(10));
        assertThat(empty.accuracy()).isZero();
        assertThat(empty.weightedF1()).isZero();
        assertThat(empty.macroF1()).isZero();
    }

    @Test
    void perfectClassifierScoresOneEverywhere() {
        ConfusionMatrix cm = new ConfusionMatrix(10);
        for (int c = 0; c < 10; c++) for (int k = 0; k <= c; k++) cm.add(c, c);
        ClassificationReport r = ClassificationReport.of(cm);

        assertThat(r.accuracy()).isEqualTo(1.0);
        for (int c = 0; c < 10; c++) {
            assertThat(r.precision(c)).isEqualTo(1.0);
            assertThat(r.recall(c)).isEqualTo(1.0);
            assertThat(r.f1(c)).isEqualTo(1.0);
            assertThat(r.support(c)).isEqualTo(c + 1);
        }
        assertThat(List.of(r.macroPrecision(), r.macroRecall(), r.macroF1(),
                r.weightedPrecision(), r.weightedRecall(), r.weightedF1())).allSatisfy(v -> assertThat(v).isCloseTo(1.0, TOL));
    }

    @Test
    void weightedAveragesFollowTheMajorityClassOnImbalancedData() {
        //            predicted 0   1   support
        // actual 0            88   2   90
        // actual 1             5   5   10
        // precision: 88/93 = 0.946237, 5/7 = 0.714286
        // recall:    88/90 = 0.977778, 5/10 = 0.5
        // macro recall    = (0.977778 + 0.5) / 2          = 0.738889
        // weighted recall = (90*0.977778 + 10*0.5) / 100  = 0.93 (= accuracy)
        // macro precision = (0.946237 + 0.714286) / 2     = 0.830261
        // weighted prec.  = (90*0.946237 + 10*0.714286)/100 = 0.923041
        ClassificationReport r = ClassificationReport.of(matrix(new long[][] {{88, 2}, {5, 5}}));

        assertThat(r.macroRecall()).isCloseTo(0.738889, within(1e-6));
        assertThat(r.weightedRecall()).isCloseTo(0.93, within(1e-12));
        assertThat(r.macroPrecision()).isCloseTo(0.830261, within(1e-6));
        assertThat(r.weightedPrecision()).isCloseTo(0.923041, within(1e-6));
        assertThat(r.weightedF1()).isGreaterThan(r.macroF1() + 0.1);
    }

    /** A realistic 10-class matrix with counts of different widths, including a four-digit one. */
    private static ClassificationReport mnistLike() {
        long[][] t = new long[10][10];
        for (int c = 0; c < 10; c++) t[c][c] = 950 + 20 * c;
        t[1][1] = 1135;
        t[3][5] = 12;
        t[4][9] = 7;
        t[9][4] = 3;
        return ClassificationReport.of(matrix(t));
    }

    @Test
    void formatAlignsTheMatrixAndLabelsRowsAndColumns() {
        String text = mnistLike().format();
        List<String> lines = Arrays.asList(text.split("\n"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("predicted")).findFirst().orElseThrow());
        List<String> block = lines.subList(header, header + 11);

        assertThat(block.get(0)).contains("predicted").contains("0").contains("9");
        for (int a = 0; a < 10; a++) assertThat(block.get(1 + a)).startsWith("actual " + a);
        assertThat(block).extracting(String::length).containsOnly(block.get(0).length());
        assertThat(block.get(2)).contains("1135");
        // Each column's last digit lines up: the "1" of the header's column 1 over the end of 1135.
        assertThat(block.get(0).indexOf(" 1 ") + 1).isEqualTo(block.get(2).indexOf("1135") + 3);
        assertThat(lines).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void formatHasAPerClassTableLikeScikitLearn() {
        String text = mnistLike().format();

        assertThat(text).contains("precision", "recall", "f1-score", "support", "accuracy", "macro avg", "weighted avg");
        String row3 = Arrays.stream(text.split("\n")).filter(l -> l.matches(" *3 .*")).findFirst().orElseThrow();
        // class 3: TP 1010, support 1022 -> recall 0.9883; never confused into it -> precision 1.0000
        assertThat(row3.trim().split(" +")).containsExactly("3", "1.0000", "0.9883", "0.9941", "1022");
        String table = text.substring(text.indexOf("precision"));
        List<String> rows = Arrays.stream(table.split("\n")).filter(l -> l.matches(".*\\d")).toList();
        assertThat(rows).extracting(String::length).containsOnly(rows.get(0).length());
    }

    @Test
    void formatUsesADecimalPointInEveryLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(mnistLike().format()).contains("1.0000").doesNotContain("1,0000");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void toJsonHasTheDocumentedKeysAndSurvivesGson() {
        ClassificationReport r = ClassificationReport.of(matrix(new long[][] {{8, 1, 1}, {2, 3, 0}, {1, 0, 4}}));
        Map<String, Object> json = r.toJson();

        assertThat(json).containsOnlyKeys("accuracy", "confusion_matrix", "per_class", "macro_precision",
                "macro_recall", "macro_f1", "weighted_precision", "weighted_recall", "weighted_f1");
        assertThat(json.keySet()).startsWith("accuracy", "confusion_matrix", "per_class");

        JsonObject parsed = new Gson().fromJson(new Gson().toJson(json), JsonObject.class);
        assertThat(parsed.get("accuracy").getAsDouble()).isEqualTo(0.75);
        assertThat(parsed.getAsJsonArray("confusion_matrix").get(1).toString()).isEqualTo("[2,3,0]");
        JsonObject class1 = parsed.getAsJsonArray("per_class").get(1).getAsJsonObject();
        assertThat(class1.keySet()).containsExactly("class", "precision", "recall", "f1", "support");
        assertThat(class1.get("class").getAsInt()).isEqualTo(1);
        assertThat(class1.get("support").getAsLong()).isEqualTo(5);
        assertThat(class1.get("precision").getAsDouble()).isEqualTo(0.75);
        assertThat(parsed.get("weighted_f1").getAsDouble()).isCloseTo(r.weightedF1(), TOL);
    }
}
