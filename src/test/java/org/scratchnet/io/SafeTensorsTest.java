package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * Round trips that must be bit-exact, the byte layout checked against files built by hand, and
 * one deliberately broken file per error path, each asserting the message names the problem.
 */
class SafeTensorsTest {

    @TempDir
    Path dir;

    // ---- helpers --------------------------------------------------------------------------

    /** A file built byte by byte: 8-byte LE header length, the header text as given, then data. */
    private Path handMade(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    private static byte[] floatsLE(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    /** The raw bit patterns, so -0.0 vs 0.0 and every subnormal are compared exactly. */
    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }

    private static List<Path> leftovers(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".scratchnet-tmp")).toList();
        }
    }

    // ---- round trips ----------------------------------------------------------------------

    @Test
    void roundTripIsBitExactIncludingAwkwardValues() {
        Random rnd = new Random(42);
        float[] w = new float[300 * 7];
        for (int i = 0; i < w.length; i++) {
            float f;
            do {
                f = Float.intBitsToFloat(rnd.nextInt()); // every exponent, not just [0,1)
            } while (Float.isNaN(f));
            w[i] = f;
        }
        float[] special = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f / 3};
        List<Tensor> tensors = List.of(
                new Tensor("layers.0.W", new int[] {300, 7}, w),
                new Tensor("special", new int[] {special.length}, special),
                new Tensor("scalar", new int[] {}, new float[] {2.5f}),
                new Tensor("empty", new int[] {0, 3}, new float[0]));
        Path file = dir.resolve("model.safetensors");

        SafeTensors.write(file, tensors, Map.of());
        SafeTensors.Contents back = SafeTensors.read(file);

        assertThat(back.tensors().keySet()).containsExactly("layers.0.W", "special", "scalar", "empty");
        for (Tensor t : tensors) {
            Tensor r = back.tensors().get(t.name());
            assertThat(r.shape()).containsExactly(t.shape());
            assertThat(bits(r.data())).containsExactly(bits(t.data()));
        }
        assertThat(back.metadata()).isEmpty();
        assertThat(back.file()).isEqualTo(file);
    }

    @Test
    void metadataRoundTripsInOrderIncludingQuotesAndUnicode() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "scratchnet");
        meta.put("config", "{\"layers\":[784,128,10],\"note\":\"<b>&\"}");
        meta.put("author", "Zoë \u2014 ✓");
        meta.put("empty", "");
        Path file = dir.resolve("m.safetensors");

        SafeTensors.write(file, List.of(new Tensor("b", new int[] {2}, new float[] {1, 2})), meta);

        Map<String, String> back = SafeTensors.read(file).metadata();
        assertThat(back).containsExactlyEntriesOf(meta);
    }

    @Test
    void dataStartsAtAMultipleOfEightAndPaddingIsSpaces() throws IOException {
        // Names of every length mod 8 move the unpadded header end through every residue.
        for (int len = 1; len <= 9; len++) {
            Path file = dir.resolve("a" + len + ".safetensors");
            SafeTensors.write(file, List.of(new Tensor("x".repeat(len), new int[] {1}, new float[] {7f})), null);
            byte[] b = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat((8 + n) % 8).as("data offset for name length %d", len).isZero();
            String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
            assertThat(header.substring(header.lastIndexOf('}') + 1)).matches(" {0,7}");
            assertThat(b.length).isEqualTo(8 + n + 4);
            assertThat(SafeTensors.read(file).tensors().get("x".repeat(len)).data()).containsExactly(7f);
        }
    }

    // ---- byte layout ----------------------------------------------------------------------

    @Test
    void writtenFileHasTheExactExpectedHeaderAndBytes() throws IOException {
        Path file = dir.resolve("small.safetensors");
        SafeTensors.write(file, List.of(
                new Tensor("W", new int[] {1, 2}, new float[] {1f, -2f}),
                new Tensor("b", new int[] {1}, new float[] {0.5f})), Map.of("format", "pt"));

        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"W\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        // 141 bytes of JSON; 8 + 141 = 149 rounds up to 152, so 3 spaces of padding.
        assertThat(json.length()).isEqualTo(141);
        String header = json + "   ";

        ByteBuffer expected = ByteBuffer.allocate(8 + header.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(floatsLE(1f, -2f, 0.5f));
        assertThat(Files.readAllBytes(file)).containsExactly(expected.array());
    }

    @Test
    void readsAFileBuiltByHand() throws IOException {
        // Bytes spelled out: 1.0f = 00 00 80 3F, -2.0f = 00 00 00 C0, 0.5f = 00 00 00 3F (little-endian).
        byte[] data = {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0x3F};
        // Tensor order in the header differs from data order, and the header has no padding:
        // the reader must follow the offsets, keep header order, and not require alignment.
        Path file = handMade("hand.safetensors", "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"W\":{\"shape\":[2,1],\"dtype\":\"F32\",\"data_offsets\":[0,8]},"
                + "\"__metadata__\":{\"k\":\"v\"}}", data);

        SafeTensors.Contents c = SafeTensors.read(file);

        assertThat(c.tensors().keySet()).containsExactly("b", "W");
        assertThat(c.tensors().get("W").shape()).containsExactly(2, 1);
        assertThat(c.tensors().get("W").data()).containsExactly(1f, -2f);
        assertThat(c.tensors().get("b").data()).containsExactly(0.5f);
        assertThat(c.metadata()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void requireChecksPresenceAndShapeWithMessagesNamingTheFile() throws IOException {
        Path file = dir.resolve("r.safetensors");
        SafeTensors.write(file, List.of(new Tensor("W", new int[] {2, 3}, new float[6])), null);
        SafeTensors.Contents c = SafeTensors.read(file);

        assertThat(c.require("W", 2, 3).size()).isEqualTo(6);
        assertThatThrownBy(() -> c.require("b", 2)).isInstanceOf(UserException.class)
                .hasMessageContaining("r.safetensors").hasMessageContaining("no tensor 'b'").hasMessageContaining("W");
        assertThatThrownBy(() -> c.require("W", 3, 2)).isInstanceOf(UserException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }

    // ---- failed writes --------------------------------------------------------------------

    @Test
    void tensorWithInconsistentShapeCannotBeBuilt() {
        assertThatThrownBy(() -> new Tensor("W", new int[] {2, 3}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'W'").hasMessageContaining("[2, 3]").hasMessageContaining("6")
                .hasMessageContaining("5");
        assertThatThrownBy(() -> new Tensor("W", new int[] {-1}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void rejectedWriteLeavesExistingFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        SafeTensors.write(file, List.of(new Tensor("W", new int[] {1}, new float[] {3f})), null);
        byte[] before = Files.readAllBytes(file);
        Tensor t = new Tensor("W", new int[] {1}, new float[] {9f});

        assertThatThrownBy(() -> SafeTensors.write(file, List.of(t, t), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tensors are called 'W'");
        assertThatThrownBy(() -> SafeTensors.write(file,
                List.of(new Tensor("__metadata__", new int[] {0}, new float[0])), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");

        assertThat(Files.readAllBytes(file)).containsExactly(before);
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void writeThatFailsOnDiskLeavesTargetAndNoTemporary() throws IOException {
        // A non-empty folder cannot be replaced by a file, so the final rename fails after writing.
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "keep me");

        assertThatThrownBy(() -> SafeTensors.write(target,
                List.of(new Tensor("W", new int[] {1}, new float[] {1f})), null))
                .isInstanceOf(UserException.class).hasMessageContaining("occupied");

        assertThat(target.resolve("inside.txt")).hasContent("keep me");
        assertThat(leftovers(dir)).isEmpty();
    }

    // ---- one broken file per error path ---------------------------------------------------

    @Nested
    class BrokenFiles {

        private static final String OK_ENTRY = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

        private void assertRejected(Path file, String... fragments) {
            assertThatThrownBy(() -> SafeTensors.read(file))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContainingAll(fragments)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        private Path withHeader(String header) throws IOException {
            return handMade("broken.safetensors", header, floatsLE(1f, 2f));
        }

        @Test
        void missingFile() {
            assertRejected(dir.resolve("nope.safetensors"), "no such file");
        }

        @Test
        void shorterThanTheLengthField() throws IOException {
            Path file = dir.resolve("short.safetensors");
            Files.write(file, new byte[] {1, 2, 3});
            assertRejected(file, "is not a valid safetensors file", "3 bytes long", "too short");
        }

        @Test
        void headerLengthLargerThanFile() throws IOException {
            Path file = dir.resolve("model.safetensors");
            byte[] b = new byte[2048];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(123456789L);
            Files.write(file, b);
            assertRejected(file, "header length 123456789 is larger than the file (2048 bytes)");
        }

        @Test
        void headerLengthWithTopBitSetIsReadAsUnsigned() throws IOException {
            Path file = dir.resolve("neg.safetensors");
            byte[] b = new byte[16];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
            Files.write(file, b);
            assertRejected(file, "header length 18446744073709551615 is larger than the file (16 bytes)");
        }

        @Test
        void absurdHeaderLength() throws IOException {
            // A sparse 101 MB file: the header length fits in it but no real header is that big.
            Path file = dir.resolve("huge.safetensors");
            long n = SafeTensors.MAX_HEADER_BYTES + 1;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(8 + n);
                byte[] len = new byte[8];
                ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).putLong(n);
                f.write(len);
            }
            assertRejected(file, "header length " + n + " is absurd");
        }

        @Test
        void headerIsNotUtf8() throws IOException {
            Path file = dir.resolve("latin1.safetensors");
            byte[] header = {'{', '"', (byte) 0xFF, '"', ':', '1', '}', ' '};
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8).put(header);
            Files.write(file, b.array());
            assertRejected(file, "not valid UTF-8");
        }

        @Test
        void headerIsNotJson() throws IOException {
            assertRejected(withHeader("{\"W\": {\"dtype\": "), "not valid JSON");
        }

        @Test
        void headerIsJsonButNotAnObject() throws IOException {
            assertRejected(withHeader("[1, 2]"), "not an object", "begin array");
        }

        @Test
        void headerHasTrailingJson() throws IOException {
            assertRejected(withHeader("{\"W\":" + OK_ENTRY + "} {}"), "more JSON after");
        }

        @Test
        void duplicateTensorName() throws IOException {
            assertRejected(withHeader("{\"W\":" + OK_ENTRY + ",\"W\":" + OK_ENTRY + "}"), "'W' twice");
        }

        @Test
        void entryIsNotAnObject() throws IOException {
            assertRejected(withHeader("{\"W\": 5}"), "tensor 'W'", "the number 5");
        }

        @Test
        void entryMissingDtype() throws IOException {
            assertRejected(withHeader("{\"W\":{\"shape\":[2],\"data_offsets\":[0,8]}}"), "tensor 'W' has no \"dtype\"");
        }

        @Test
        void entryMissingShape() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}"), "tensor 'W' has no \"shape\"");
        }

        @Test
        void entryMissingDataOffsets() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[2]}}"), "tensor 'W' has no \"data_offsets\"");
        }

        @Test
        void dtypeOtherThanF32() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}"),
                    "tensor 'W' has dtype F16", "ScratchNet models are F32");
        }

        @Test
        void shapeWithNegativeOrFractionalDimension() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}"),
                    "dimension 0 is not a non-negative integer");
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[1,1.5],\"data_offsets\":[0,8]}}"),
                    "dimension 1 is not a non-negative integer");
        }

        @Test
        void offsetsMalformed() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}"),
                    "expected [begin, end]");
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}"),
                    "begin is after end");
        }

        @Test
        void offsetsPastTheData() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}"),
                    "tensor 'W'", "[0,16]", "past the end of the 8-byte data buffer");
        }

        @Test
        void offsetsDisagreeWithShape() throws IOException {
            assertRejected(withHeader("{\"W\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}"),
                    "(8 bytes)", "needs 3 floats (12 bytes)");
        }

        @Test
        void overlappingTensors() throws IOException {
            Path file = handMade("overlap.safetensors", "{"
                    + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floatsLE(1, 2, 3));
            assertRejected(file, "'a' (bytes 0..8) and 'b' (bytes 4..12) overlap");
        }

        @Test
        void holeBetweenTensors() throws IOException {
            Path file = handMade("hole.safetensors", "{"
                    + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", floatsLE(1, 2, 3));
            assertRejected(file, "bytes 4..8 of the data buffer belong to no tensor");
        }

        @Test
        void bytesAfterTheLastTensor() throws IOException {
            Path file = handMade("tail.safetensors",
                    "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floatsLE(1, 2));
            assertRejected(file, "data buffer is 8 bytes but the tensors cover only 4");
        }

        @Test
        void metadataValueNotAString() throws IOException {
            assertRejected(withHeader("{\"__metadata__\":{\"epochs\":10},\"W\":" + OK_ENTRY + "}"),
                    "__metadata__ entry 'epochs' must be a string", "the number 10");
        }

        @Test
        void metadataNotAnObject() throws IOException {
            assertRejected(withHeader("{\"__metadata__\":[\"x\"],\"W\":" + OK_ENTRY + "}"),
                    "__metadata__ must be an object", "an array");
        }
    }
}
