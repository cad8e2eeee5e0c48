package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * KaggleCsvReader: round trips through the writer on real MNIST, the unlabelled test.csv form,
 * line-ending tolerance, and one small broken file per error, each of
 * which must name the file and the 1-based line.
 */
class KaggleCsvReaderTest {

    @TempDir
    Path tmp;

    @Test
    void idxToCsvToDatasetKeepsEveryPixelAndLabel() {
        Dataset test = TestData.mnist()[1];
        Path csv = tmp.resolve("train.csv");
        KaggleCsvReader.write(test, csv, true);
        Dataset back = KaggleCsvReader.read(csv);
        assertThat(back.size).isEqualTo(10000);
        assertThat(back.features).isEqualTo(784);
        assertThat(back.classes).isEqualTo(10);
        assertThat(Arrays.equals(back.x, test.x)).as("pixels equal").isTrue();
        assertThat(back.labels).isEqualTo(test.labels);
    }

    @Test
    void testCsvWithoutLabelsHasNullLabels() {
        Dataset some = TestData.mnist()[1].head(100);
        Path csv = tmp.resolve("test.csv");
        KaggleCsvReader.write(some, csv, false);
        Dataset back = KaggleCsvReader.read(csv);
        assertThat(back.labels).isNull();
        assertThat(back.size).isEqualTo(100);
        assertThat(Arrays.equals(back.x, some.x)).isTrue();
    }

    @Test
    void writtenFileHasTheKaggleHeader() throws Exception {
        Path csv = tmp.resolve("t.csv");
        KaggleCsvReader.write(TestData.mnist()[1].head(1), csv, true);
        String header = java.nio.file.Files.readAllLines(csv).get(0);
        assertThat(header).startsWith("label,pixel0,pixel1,").endsWith(",pixel783");
    }

    @Test
    void crlfLineEndingsAndTrailingBlankLinesAreTolerated() {
        Path csv = TestData.writeString(tmp.resolve("crlf.csv"),
                "\uFEFFlabel,pixel0,pixel1\r\n7,0,255\r\n3, 51 ,1\r\n\r\n");
        Dataset d = KaggleCsvReader.read(csv);
        assertThat(d.size).isEqualTo(2);
        assertThat(d.features).isEqualTo(2);
        assertThat(d.labels).containsExactly(7, 3);
        assertThat(d.x).containsExactly(0f, 1f, 0.2f, 1 / 255f);
    }

    @Test
    void unlabelledSmallFileReads() {
        Path csv = TestData.writeString(tmp.resolve("test.csv"), "pixel0,pixel1\n0,255");
        Dataset d = KaggleCsvReader.read(csv);
        assertThat(d.hasLabels()).isFalse();
        assertThat(d.x).containsExactly(0f, 1f);
    }

    // ---- one broken file per error ----

    private static String header(boolean label, int pixels) {
        StringBuilder s = new StringBuilder(label ? "label" : "");
        for (int j = 0; j < pixels; j++) s.append(s.length() > 0 ? "," : "").append("pixel").append(j);
        return s.append('\n').toString();
    }

    private static String zeros(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "0")) + "\n";
    }

    private void assertFails(String name, String content, String... fragments) {
        Path csv = TestData.writeString(tmp.resolve(name), content);
        assertThatThrownBy(() -> KaggleCsvReader.read(csv))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContainingAll(fragments)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void wrongColumnCountNamesLineAndCounts() {
        StringBuilder s = new StringBuilder(header(true, 784));
        for (int line = 2; line < 17; line++) s.append("1,").append(zeros(784));
        s.append(zeros(784)); // line 17: the label is missing
        assertFails("short-row.csv", s.toString(), "line 17 has 784 values, expected 785 (label + 784 pixels)");
    }

    @Test
    void nonNumericValueNamesLineAndColumn() {
        assertFails("text.csv", "label,pixel0,pixel1\n1,0,0\n2,0,abc\n",
                "line 3, column pixel1: 'abc' is not a whole number");
    }

    @Test
    void decimalValueIsNotAWholeNumber() {
        assertFails("decimal.csv", "pixel0,pixel1\n0.5,0\n", "line 2, column pixel0: '0.5' is not a whole number");
    }

    @Test
    void emptyCellIsReported() {
        assertFails("empty-cell.csv", "label,pixel0,pixel1\n1,,0\n", "line 2, column pixel0: '' is not a whole number");
    }

    @Test
    void pixelAbove255IsReported() {
        assertFails("bright.csv", "label,pixel0,pixel1\n1,0,256\n", "line 2, column pixel1: pixel 256 is outside 0..255");
    }

    @Test
    void negativePixelIsReported() {
        assertFails("negative.csv", "pixel0,pixel1\n0,0\n-1,0\n", "line 3, column pixel0: pixel -1 is outside 0..255");
    }

    @Test
    void labelOutsideZeroToNineIsReported() {
        assertFails("label.csv", "label,pixel0\n1,0\n10,0\n", "line 3, column label: label 10 is outside 0..9");
    }

    @Test
    void headerOfNeitherFormIsReported() {
        assertFails("no-header.csv", "5,0,0\n", "line 1 is not a Kaggle digit header",
                "'label,pixel0,...,pixel783'", "found '5,0,0'");
    }

    @Test
    void misnumberedPixelColumnsAreNotAHeader() {
        assertFails("gap.csv", "label,pixel0,pixel2\n1,0,0\n", "line 1 is not a Kaggle digit header");
    }

    @Test
    void emptyFileIsReported() {
        assertFails("empty.csv", "", "is empty", "expected a header line");
    }

    @Test
    void headerWithoutRowsIsReported() {
        assertFails("header-only.csv", "label,pixel0\n", "has a header but no data rows");
    }

    @Test
    void blankLineBetweenRowsNamesTheLine() {
        assertFails("gap-line.csv", "label,pixel0\n1,0\n\n2,0\n", "line 3 is empty");
    }

    @Test
    void missingFileIsNamed() {
        Path csv = tmp.resolve("nope.csv");
        assertThatThrownBy(() -> KaggleCsvReader.read(csv))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void writingLabelsOfUnlabelledDataIsRefused() {
        Dataset unlabelled = new Dataset(new float[2], null, 1, 2, 10, "test.csv");
        assertThatThrownBy(() -> KaggleCsvReader.write(unlabelled, tmp.resolve("x.csv"), true))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("test.csv has no labels");
    }
}
