package org.scratchnet.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the hostile inputs of {@link InputsHostileTest} at test time: large ones cheaply (sparse
 * files, gzip members repeated, zero rows deflated as they are written) so that nothing big is
 * committed and a bomb costs the test a few megabytes of disk, not gigabytes.
 */
final class HostileFiles {
    private HostileFiles() {}

    /** The 16-byte header of an IDX image file promising {@code count} images of rows x cols. */
    static byte[] idxImageHeader(int count, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(rows).putInt(cols).array();
    }

    /** A raw IDX image file whose header is consistent with its length, the data a sparse hole of zeros. */
    static Path sparseIdx(Path file, int count) {
        return sparseIdx(file, count, 28);
    }

    /** As {@link #sparseIdx(Path, int)} with images of side x side pixels. */
    static Path sparseIdx(Path file, int count, int side) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(idxImageHeader(count, side, side));
            f.setLength(16L + (long) count * side * side);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A gzip file that inflates to an IDX header promising {@code count} images of 28x28 and
     * then all of their (zero) pixels: one member for the header, then one small member of 64 MB
     * of zeros repeated, so a 2 GB bomb costs about 2 MB.
     */
    static Path gzipBomb(Path file, int count) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(gzip(idxImageHeader(count, 28, 28)));
            int chunk = 64 << 20;
            byte[] zeros = gzipZeros(chunk);
            long left = (long) count * 28 * 28;
            while (left >= chunk) {
                out.write(zeros);
                left -= chunk;
            }
            out.write(gzipZeros((int) left));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static byte[] gzipZeros(int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (GZIPOutputStream gz = new GZIPOutputStream(b, 1 << 16)) {
            for (int left = n; left > 0; left -= zeros.length) gz.write(zeros, 0, Math.min(left, zeros.length));
        }
        return b.toByteArray();
    }

    /**
     * A valid 1-bit grayscale PNG of width x height, all black: the rows are deflated as they
     * are made, so a 30000x30000 picture is about 100 KB on disk and never in memory.
     */
    static Path hugePng(Path file, int width, int height) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                    .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
                byte[] row = new byte[1 + (width + 7) / 8];  // filter byte 0, then the packed bits
                for (int y = 0; y < height; y++) z.write(row);
            }
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Makes a FIFO with mkfifo(1); the tests that need one run on Linux. */
    static Path fifo(Path file) {
        try {
            Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException("mkfifo failed for " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
