package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * IdxReader on the real MNIST files (counts, ranges, known label counts) and on one small
 * generated fixture per way an IDX file can be broken; each error must name the file and the
 * problem in one line.
 */
class IdxReaderTest {

    @TempDir
    Path tmp;

    @Test
    void realMnistLoadsWithKnownShapesAndLabelCounts() {
        Dataset[] both = TestData.mnist();
        Dataset train = both[0];
        Dataset test = both[1];

        assertThat(train.size).isEqualTo(60000);
        assertThat(test.size).isEqualTo(10000);
        assertThat(train.features).isEqualTo(784);
        assertThat(test.features).isEqualTo(784);
        assertThat(train.classes).isEqualTo(10);
        assertThat(train.classCounts()[1]).isEqualTo(6742);
        assertThat(test.classCounts()[0]).isEqualTo(980);
        assertThat(train.classCounts()).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(train.labels[0]).isEqualTo(5); // the famous first training digit
        for (Dataset d : both) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : d.x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).isEqualTo(0f);
            assertThat(max).isEqualTo(1f);
        }
    }

    @Test
    void rawUncompressedFilesReadTheSameAsGzip() {
        Path dir = TestData.mnistDir();
        // Named .gz on purpose: compression is detected from content, not from the name.
        Path images = TestData.write(tmp.resolve("images.gz"), TestData.gunzip(dir.resolve(MnistFiles.NAMES[2])));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.gunzip(dir.resolve(MnistFiles.NAMES[3])));
        Dataset raw = IdxReader.read(images, labels);
        Dataset gz = TestData.mnist()[1];
        assertThat(raw.size).isEqualTo(10000);
        assertThat(Arrays.equals(raw.x, gz.x)).isTrue();
        assertThat(raw.labels).isEqualTo(gz.labels);
    }

    @Test
    void smallFixtureGivesScaledPixels() {
        Path images = TestData.write(tmp.resolve("i"), TestData.images(2, 1, 3, new byte[] {0, (byte) 255, 51, 1, 2, 3}));
        Path labels = TestData.write(tmp.resolve("l"), TestData.labels(9, 0));
        Dataset d = IdxReader.read(images, labels);
        assertThat(d.size).isEqualTo(2);
        assertThat(d.features).isEqualTo(3);
        assertThat(d.x).containsExactly(0f, 1f, 0.2f, 1 / 255f, 2 / 255f, 3 / 255f);
        assertThat(d.labels).containsExactly(9, 0);
        assertThat(d.source).isEqualTo(images.toString());
    }

    // ---- one broken fixture per failure ----

    private Path goodLabels(int n) {
        return TestData.write(tmp.resolve("good-labels"), TestData.labels(new int[n]));
    }

    private Path goodImages(int n) {
        return TestData.write(tmp.resolve("good-images"), TestData.images(n, 2, 2, TestData.pixels(n, 2, 2)));
    }

    private static void assertOneLine(Throwable e) {
        assertThat(e).isInstanceOf(UserException.class);
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void missingFileIsNamed() {
        Path images = tmp.resolve("no-such-images");
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString()).hasMessageContaining("no such file");
    }

    @Test
    void folderInsteadOfFileIsNamed() {
        assertThatThrownBy(() -> IdxReader.read(tmp, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("is a folder");
    }

    @Test
    void wrongMagicShowsExpectedAndFound() {
        byte[] b = TestData.images(1, 2, 2, new byte[4]);
        b[3] = 0x04;
        Path images = TestData.write(tmp.resolve("wrong-magic"), b);
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("expected an IDX image file (magic 2051), found 0x00000804");
    }

    @Test
    void swappedImageAndLabelPathsAreDiagnosed() {
        Path images = goodImages(1);
        Path labels = goodLabels(1);
        assertThatThrownBy(() -> IdxReader.read(labels, images))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("found 0x00000801")
                .hasMessageContaining("swapped");
    }

    @Test
    void truncatedHeaderSaysHowShort() {
        Path images = TestData.write(tmp.resolve("short-header"), Arrays.copyOf(TestData.images(1, 2, 2, new byte[4]), 10));
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated header")
                .hasMessageContaining("16 header bytes, found only 10 bytes");
    }

    @Test
    void nonsensicalDimensionsAreRejected() {
        Path images = TestData.write(tmp.resolve("zero-rows"), TestData.images(1, 0, 28, new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("nonsensical image dimensions 1 x 0 x 28");
    }

    @Test
    void truncatedDataSaysExpectedAndFoundBytes() {
        byte[] full = TestData.images(3, 2, 2, TestData.pixels(3, 2, 2)); // 16 + 12 bytes
        Path images = TestData.write(tmp.resolve("truncated-data"), Arrays.copyOf(full, 25));
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(3)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated image data")
                .hasMessageContaining("3 images of 2x2 (28 bytes), found 25 bytes");
    }

    @Test
    void truncatedLabelDataIsReported() {
        Path labels = TestData.write(tmp.resolve("truncated-labels"), Arrays.copyOf(TestData.labels(1, 2, 3), 10));
        assertThatThrownBy(() -> IdxReader.read(goodImages(3), labels))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("truncated label data")
                .hasMessageContaining("(11 bytes), found 10 bytes");
    }

    @Test
    void trailingDataIsReported() {
        byte[] full = TestData.images(1, 2, 2, TestData.pixels(1, 2, 2));
        Path images = TestData.write(tmp.resolve("trailing"), Arrays.copyOf(full, full.length + 5));
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("5 bytes of unexpected data")
                .hasMessageContaining("expected 20 bytes, found 25");
    }

    @Test
    void countMismatchNamesBothCounts() {
        Path images = goodImages(3);
        Path labels = goodLabels(2);
        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images + " has 3 images")
                .hasMessageContaining(labels + " has 2 labels");
    }

    @Test
    void labelOutsideZeroToNineIsReportedWithItsIndex() {
        Path labels = TestData.write(tmp.resolve("bad-label"), TestData.labels(3, 10, 4));
        assertThatThrownBy(() -> IdxReader.read(goodImages(3), labels))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 1 (byte offset 9) is 10, expected 0..9");
    }

    @Test
    void corruptGzipIsReported() {
        byte[] gz = TestData.gzip(TestData.images(4, 2, 2, TestData.pixels(4, 2, 2)));
        for (int i = 10; i < gz.length - 8; i++) gz[i] = (byte) 0xFF; // wreck the deflate stream
        Path images = TestData.write(tmp.resolve("corrupt.gz"), gz);
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(4)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void truncatedGzipIsReported() {
        byte[] gz = TestData.gzip(TestData.images(50, 8, 8, TestData.pixels(50, 8, 8)));
        Path images = TestData.write(tmp.resolve("truncated.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(50)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated gzip data");
    }

    @Test
    void textFileGetsAHintAboutCsv() {
        Path images = TestData.writeString(tmp.resolve("train.csv"), "label,pixel0\n1,0\n");
        assertThatThrownBy(() -> IdxReader.read(images, goodLabels(1)))
                .satisfies(IdxReaderTest::assertOneLine)
                .hasMessageContaining("expected an IDX image file (magic 2051), found 0x6C616265")
                .hasMessageContaining("CSV");
    }
}
