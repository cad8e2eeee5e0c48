package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.fuzz.AllocationMeter;

/**
 * The IDX and CSV readers never trust a size that a file claims: a header promising millions of
 * images costs what the file really holds, gzip data is decompressed strictly, a CSV is
 * streamed under a cap on line length and columns, and bad cells are shown as written.
 */
class ReaderLimitsTest {

    @TempDir
    Path tmp;

    private static byte[] header(int count) {
        return ByteBuffer.allocate(16).putInt(IdxReader.IMAGE_MAGIC).putInt(count).putInt(28).putInt(28).array();
    }

    @Test
    void aSmallGzipWhoseHeaderPromises1point9MillionImagesIsTruncatedAndCostsLittle() {
        byte[] claim = Arrays.copyOf(header(1_900_000), 16 + 10 * 784);  // ten images really there
        Path file = TestData.write(tmp.resolve("claim.gz"), TestData.gzip(claim));
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(UserException.class)
                .hasMessageContaining("truncated image data").hasMessageContaining("1900000 images");
        long allocated = AllocationMeter.bytesAllocatedBy(() -> IdxReader.readImages(file));
        assertThat(allocated).as("bytes allocated for a 1.5 GB promise").isLessThan(8L << 20);
    }

    @Test
    void garbageAfterTheGzipStreamIsRefusedAndConcatenatedMembersAreRead() {
        byte[] raw = TestData.images(4, 2, 2, TestData.pixels(4, 2, 2));
        byte[] gz = TestData.gzip(raw);
        Path garbage = TestData.write(tmp.resolve("garbage.gz"), concat(gz, new byte[] {0, 0, 0}));
        assertThatThrownBy(() -> IdxReader.readImages(garbage)).isInstanceOf(UserException.class)
                .hasMessageContaining("3 bytes of unexpected data after the end of the gzip stream");
        // what `cat a.gz b.gz` makes is one stream, as gzip reads it
        Path members = TestData.write(tmp.resolve("members.gz"),
                concat(TestData.gzip(Arrays.copyOf(raw, 10)), TestData.gzip(Arrays.copyOfRange(raw, 10, raw.length))));
        assertThat(IdxReader.readImages(members).count()).isEqualTo(4);
    }

    @Test
    void aDamagedGzipChecksumIsReported() {
        byte[] gz = TestData.gzip(TestData.images(4, 2, 2, TestData.pixels(4, 2, 2)));
        gz[gz.length - 6] ^= 1;  // inside the CRC-32 of the trailer
        Path file = TestData.write(tmp.resolve("crc.gz"), gz);
        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(UserException.class)
                .hasMessageContaining("corrupt gzip data").hasMessageContaining("CRC-32");
    }

    @Test
    void aCsvWithTooManyColumnsOrNoLineBreakIsRefusedWithoutReadingItAll() {
        StringBuilder wide = new StringBuilder("label");
        for (int j = 0; j <= KaggleCsvReader.MAX_PIXELS; j++) wide.append(",pixel").append(j);
        Path csv = TestData.writeString(tmp.resolve("wide.csv"), wide + "\n");
        assertThatThrownBy(() -> KaggleCsvReader.read(csv)).isInstanceOf(UserException.class)
                .hasMessageContaining("line 1 has " + (KaggleCsvReader.MAX_PIXELS + 2) + " columns");

        Path endless = TestData.write(tmp.resolve("endless.csv"), new byte[KaggleCsvReader.MAX_LINE_BYTES + 10]);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> KaggleCsvReader.read(endless));
        assertThatThrownBy(() -> KaggleCsvReader.read(endless)).isInstanceOf(UserException.class)
                .hasMessageContaining("a line is longer than 4.0 MB");
        assertThat(allocated).isLessThan(3L * KaggleCsvReader.MAX_LINE_BYTES);
    }

    @Test
    void badCellsAreShownAsWrittenAndForWhatTheyHold() {
        assertCsvFails("label,pixel0\n1,99999999999\n", "pixel 99999999999 is outside 0..255");
        assertCsvFails("label,pixel0\n1,-4000000\n", "pixel -4000000 is outside 0..255");
        assertCsvFails("label,pixel0\n5\t,0\n", "column label: '5\\t' contains a tab");
        assertCsvFails("label,pixel0\n5,\0\n", "column pixel0: '\\0' contains a NUL byte");
        assertCsvFails("label,pixel0\n5,\u0001\n", "contains the control character U+0001");
        assertCsvFails("label,pixel0\n12345678901234567890123456789012345678901234567890,0\n",
                "label 1234567890123456789012345678901234567890... (50 characters) is outside 0..9");
    }

    private void assertCsvFails(String content, String fragment) {
        Path csv = TestData.writeString(tmp.resolve("bad.csv"), content);
        assertThatThrownBy(() -> KaggleCsvReader.read(csv)).isInstanceOf(UserException.class)
                .hasMessageContaining(fragment).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
