package org.scratchnet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.scratchnet.MemoryLimit;
import org.scratchnet.UserException;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.InputFiles;

/**
 * Opens a data file that may or may not be gzip-compressed, deciding by its first two bytes
 * (the gzip magic 1f 8b) rather than by its name: people gunzip files and keep the name, or
 * download them already decompressed by the browser. Only regular files are opened (see
 * {@link InputFiles}); gzip data is decompressed strictly ({@link StrictGzipInputStream}).
 *
 * <p>Nothing here trusts a size that a file claims: {@link #readUpTo} grows its buffer as bytes
 * actually arrive and checks each growth against the heap, so a small gzip that inflates to
 * gigabytes, or a header promising millions of images, costs only what is really read.
 */
final class RawBytes {

    private static final int BUFFER = 1 << 16;
    /** The first buffer {@link #readUpTo} allocates, however much is promised. */
    private static final int FIRST_CHUNK = 1 << 16;

    private RawBytes() {}

    /** An opened data file: the (decompressed) stream and whether it was gzip. */
    record Opened(InputStream in, boolean gzip) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The content of {@code file}, gunzipped if it starts with 1f 8b; {@code what} names it in errors. */
    static Opened open(Path file, String what) {
        InputStream raw = InputFiles.open(file, what);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) return new Opened(new StrictGzipInputStream(in), true);
            return new Opened(in, false);
        } catch (IOException e) {
            closeQuietly(raw);
            throw failure(file, e);
        }
    }

    /** As {@link #open(Path, String)}, the stream alone (for hashing a downloaded file). */
    static InputStream open(Path file) {
        return open(file, "data file").in();
    }

    /**
     * Up to {@code limit} bytes of {@code in}: fewer only if the stream ends first. The buffer
     * starts small and doubles as data arrives; before each growth the heap is asked for the
     * new buffer plus {@code laterBytesPerByte} bytes per byte that the caller will allocate
     * from it (4 for pixels that become floats).
     */
    static byte[] readUpTo(InputStream in, int limit, int laterBytesPerByte, Path file, String what) throws IOException {
        byte[] b = new byte[Math.min(limit, FIRST_CHUNK)];
        int n = 0;
        while (n < limit) {
            if (n == b.length) {
                int grown = (int) Math.min(limit, 2L * b.length);
                long step = (long) grown * (1 + laterBytesPerByte);
                if (step > MemoryLimit.usable()) {
                    // The data keeps coming; the message gives what all of it would need.
                    MemoryLimit.require(Math.max(step, (long) limit * (1 + laterBytesPerByte)),
                            "reading " + file + " (" + what + "; " + MemoryLimit.size(n) + " read so far)");
                }
                b = Arrays.copyOf(b, grown);
            }
            int r = in.read(b, n, b.length - n);
            if (r < 0) return Arrays.copyOf(b, n);
            n += r;
        }
        return b;
    }

    /** How many bytes are left in {@code in}, counting at most {@code cap} of them. */
    static long countRest(InputStream in, long cap) throws IOException {
        byte[] skip = new byte[BUFFER];
        long n = 0;
        while (n < cap) {
            int r = in.read(skip, 0, (int) Math.min(skip.length, cap - n));
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    /** A one-line message for an I/O failure while reading {@code file}. */
    static UserException failure(Path file, IOException e) {
        if (e instanceof StrictGzipInputStream.TrailingDataException) {
            return new UserException(file + ": " + e.getMessage() + "; the file is corrupt or not the one intended");
        }
        if (e instanceof ZipException) {
            return new UserException(file + ": corrupt gzip data (" + e.getMessage()
                    + "); the file is damaged, download it again");
        }
        if (e instanceof EOFException) {
            return new UserException(file + ": truncated gzip data (the compressed stream ends early);"
                    + " the file is incomplete, download it again");
        }
        return new UserException("cannot read " + file + ": " + AtomicFiles.describe(e)
                + "; check the path and its permissions");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the original failure matters more
        }
    }
}
