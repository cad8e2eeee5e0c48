package org.scratchnet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scratchnet.MemoryLimit;
import org.scratchnet.UserException;

/**
 * Reads MNIST's IDX files (an image file and its label file) into a {@link Dataset}.
 *
 * <p>IDX layout, all integers big-endian:
 * <pre>
 *   images: magic 0x00000803 (2051) | count | rows | cols | count*rows*cols pixel bytes 0..255
 *   labels: magic 0x00000801 (2049) | count | count label bytes 0..9
 * </pre>
 * Files may be gzip-compressed or raw; {@link RawBytes} tells them apart by content. Each file's
 * data is read into one byte[] and converted in one loop, because per-byte stream calls are what
 * make naive IDX readers slow. The header is never trusted with memory: the counts it promises are
 * checked against the bytes that really arrive (and against the heap) before anything is
 * allocated for them. Every way a file can be wrong (magic, dimensions, too little or too much
 * data, counts that disagree, labels out of range) is reported as a one-line {@link UserException}
 * naming the file.
 */
public final class IdxReader {

    static final int IMAGE_MAGIC = 0x00000803;
    static final int LABEL_MAGIC = 0x00000801;
    static final int CLASSES = 10;

    private static final int IMAGE_HEADER = 16;
    private static final int LABEL_HEADER = 8;
    /** Larger images than this are certainly a misread header, not a real data set. */
    private static final int MAX_SIDE = 4096;

    /** pixel byte -> value/255f, so the conversion loop is a table lookup. */
    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) SCALE[v] = v / 255f;
    }

    private IdxReader() {}

    /** Images scaled to [0,1] with their labels; features = rows*cols, classes = 10. */
    public static Dataset read(Path images, Path labels) {
        Images im = readImages(images);
        int[] y = readLabels(labels);
        if (im.count != y.length) {
            throw new UserException("image and label counts differ: " + images + " has " + im.count
                    + " images but " + labels + " has " + y.length
                    + " labels; pass the label file that belongs to these images");
        }
        return new Dataset(im.x, y, im.count, im.rows * im.cols, CLASSES, images.toString());
    }

    /** The pixels of an IDX image file, scaled to [0,1]. */
    static Images readImages(Path file) {
        try (RawBytes.Opened f = RawBytes.open(file, "IDX image file")) {
            byte[] h = RawBytes.readUpTo(f.in(), IMAGE_HEADER, 0, file, "its header");
            checkMagic(h, file, IMAGE_MAGIC, "image");
            if (h.length < IMAGE_HEADER) throw truncatedHeader(file, "image", IMAGE_HEADER, h.length);
            int count = intAt(h, 4);
            int rows = intAt(h, 8);
            int cols = intAt(h, 12);
            if (count < 0 || rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE
                    || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
                throw new UserException(file + ": nonsensical image dimensions " + count + " x " + rows
                        + " x " + cols + " (count x rows x cols); the header is corrupt,"
                        + " use an intact copy of the file");
            }
            int pixels = count * rows * cols;
            String promised = count + " images of " + rows + "x" + cols;
            byte[] b = readBody(f, file, "image", IMAGE_HEADER, pixels, Float.BYTES, promised);
            MemoryLimit.require((long) Float.BYTES * pixels, "the " + promised + " of " + file);
            float[] x = new float[pixels];
            for (int i = 0; i < pixels; i++) x[i] = SCALE[b[i] & 0xFF];
            return new Images(x, count, rows, cols);
        } catch (IOException e) {
            throw RawBytes.failure(file, e);
        }
    }

    /** The labels of an IDX label file, each checked to be 0..9. */
    static int[] readLabels(Path file) {
        try (RawBytes.Opened f = RawBytes.open(file, "IDX label file")) {
            byte[] h = RawBytes.readUpTo(f.in(), LABEL_HEADER, 0, file, "its header");
            checkMagic(h, file, LABEL_MAGIC, "label");
            if (h.length < LABEL_HEADER) throw truncatedHeader(file, "label", LABEL_HEADER, h.length);
            int count = intAt(h, 4);
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw new UserException(file + ": nonsensical label count " + count
                        + "; the header is corrupt, use an intact copy of the file");
            }
            byte[] b = readBody(f, file, "label", LABEL_HEADER, count, Integer.BYTES, count + " labels");
            MemoryLimit.require((long) Integer.BYTES * count, "the " + count + " labels of " + file);
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                int v = b[i] & 0xFF;
                if (v >= CLASSES) {
                    throw new UserException(file + ": label " + i + " (byte offset " + (LABEL_HEADER + i)
                            + ") is " + v + ", expected 0..9; the file is corrupt or not MNIST labels");
                }
                y[i] = v;
            }
            return y;
        } catch (IOException e) {
            throw RawBytes.failure(file, e);
        }
    }

    /**
     * The {@code expected} data bytes after the header, and not one more. The header's promise is
     * never allocated on trust: a raw file's length is compared with it before reading, and
     * gzip data is read into a buffer that grows only as decompressed bytes actually arrive.
     */
    private static byte[] readBody(RawBytes.Opened f, Path file, String kind, int header, int expected,
                                   int laterBytesPerByte, String promised) throws IOException {
        long whole = header + (long) expected;
        if (!f.gzip()) {
            checkLength(file, kind, Files.size(file), whole, promised);  // known before reading
        }
        byte[] b = RawBytes.readUpTo(f.in(), expected, laterBytesPerByte, file, "the " + promised + " its header promises");
        if (b.length < expected) checkLength(file, kind, header + (long) b.length, whole, promised);
        long extra = RawBytes.countRest(f.in(), MAX_COUNTED_EXTRA);
        if (extra > 0) {
            throw new UserException(file + ": " + (extra >= MAX_COUNTED_EXTRA ? "more than " : "") + extra
                    + " bytes of unexpected data after the " + promised + " the header promises (expected "
                    + whole + " bytes" + (f.gzip() ? " once decompressed" : "") + "); the file is corrupt or not the one intended");
        }
        return b;
    }

    /** Decoded image file: pixels in [0,1], row-major per image. */
    record Images(float[] x, int count, int rows, int cols) {}

    /** Beyond this many unexpected bytes the count stops: a decompression bomb need not be inflated to be refused. */
    private static final long MAX_COUNTED_EXTRA = 1L << 26;

    private static void checkMagic(byte[] b, Path file, int expected, String kind) {
        if (b.length < 4) {
            throw truncatedHeader(file, kind, kind.equals("image") ? IMAGE_HEADER : LABEL_HEADER, b.length);
        }
        int magic = intAt(b, 0);
        if (magic == expected) return;
        String hint;
        if (magic == IMAGE_MAGIC) {
            hint = "this is an image file; the image and label paths may be swapped";
        } else if (magic == LABEL_MAGIC) {
            hint = "this is a label file; the image and label paths may be swapped";
        } else if (looksLikeText(b)) {
            hint = "this looks like a text file; CSV data is read with the Kaggle CSV reader";
        } else {
            hint = "the file is not MNIST IDX data or is corrupt";
        }
        throw new UserException(String.format("%s: expected an IDX %s file (magic %d), found 0x%08X; %s",
                file, kind, expected, magic, hint));
    }

    private static void checkLength(Path file, String kind, long found, long expected, String promised) {
        if (found < expected) {
            throw new UserException(file + ": truncated " + kind + " data: the header promises "
                    + promised + " (" + expected + " bytes), found " + found
                    + " bytes; the file is incomplete, download it again");
        }
        if (found > expected) {
            throw new UserException(file + ": " + (found - expected) + " bytes of unexpected data after "
                    + "the " + promised + " the header promises (expected " + expected + " bytes, found "
                    + found + "); the file is corrupt or not the one intended");
        }
    }

    private static UserException truncatedHeader(Path file, String kind, int headerBytes, int found) {
        return new UserException(file + ": truncated header: an IDX " + kind + " file starts with "
                + headerBytes + " header bytes, found only " + found + " bytes in the whole file;"
                + " the file is incomplete, download it again");
    }

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 64);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c < 9 || (c > 13 && c < 32) || c > 126) return false;
        }
        return true;
    }

    private static int intAt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }
}
