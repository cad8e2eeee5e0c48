package org.scratchnet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Shared test helpers: where the real MNIST files are, the real data loaded once per test JVM,
 * and builders for small IDX fixtures (valid or deliberately broken) written to temp folders.
 */
final class TestData {

    private static Dataset[] mnist;

    private TestData() {}

    /** The shared MNIST folder: system property mnist.dir (set by surefire), else ../shared/mnist. */
    static Path mnistDir() {
        return Path.of(System.getProperty("mnist.dir", "../shared/mnist"));
    }

    /** {train, test} of the real MNIST, read once and shared by all test classes. */
    static synchronized Dataset[] mnist() {
        if (mnist == null) mnist = MnistFiles.load(mnistDir());
        return mnist;
    }

    /** An IDX image file: header for count x rows x cols, then the given pixel bytes. */
    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(IdxReader.IMAGE_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** An IDX label file holding the given labels. */
    static byte[] labels(int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(IdxReader.LABEL_MAGIC).putInt(values.length);
        for (int v : values) b.put((byte) v);
        return b.array();
    }

    /** count images of rows x cols whose pixel k of image i is (i*7 + k) mod 256. */
    static byte[] pixels(int count, int rows, int cols) {
        byte[] p = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < rows * cols; k++) p[i * rows * cols + k] = (byte) ((i * 7 + k) % 256);
        }
        return p;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path writeString(Path file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
