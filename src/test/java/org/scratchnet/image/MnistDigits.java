package org.scratchnet.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Real MNIST test digits for the image tests, read by a deliberately tiny IDX reader of its own so
 * that these tests do not depend on the production reader in org.scratchnet.data.
 *
 * <p>IDX image file: big-endian magic 2051, count, rows, cols, then count*rows*cols unsigned
 * bytes. The folder is the system property mnist.dir (set by surefire), else ../shared/mnist.
 */
final class MnistDigits {

    private static float[][] digits;

    private MnistDigits() {}

    /** Test digit i as 784 floats in [0,1] (byte / 255). */
    static float[] digit(int i) {
        return all()[i].clone();
    }

    private static synchronized float[][] all() {
        if (digits != null) return digits;
        Path file = Path.of(System.getProperty("mnist.dir", "../shared/mnist"), "t10k-images-idx3-ubyte.gz");
        byte[] b;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            b = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("MNIST test images needed at " + file, e);
        }
        ByteBuffer h = ByteBuffer.wrap(b);
        int magic = h.getInt();
        int count = h.getInt();
        int rows = h.getInt();
        int cols = h.getInt();
        if (magic != 2051 || rows != 28 || cols != 28 || b.length != 16 + count * 784) {
            throw new IllegalStateException(file + " is not a 28x28 IDX image file");
        }
        digits = new float[count][784];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 784; k++) digits[i][k] = (b[16 + i * 784 + k] & 0xff) / 255f;
        }
        return digits;
    }
}
