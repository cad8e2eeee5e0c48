package org.scratchnet.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scratchnet.UserException;

/**
 * The property every fuzz target checks, for any input at all: the reader returns, or fails with
 * the project's one-line {@link UserException}; nothing else escapes (no other exception, no
 * OutOfMemoryError, no stack overflow), and the bytes it allocated stay within
 * {@link #SLACK} + {@link #PER_BYTE} x what the input really holds (for compressed input, what it
 * inflates to). A reader that allocated what a header claims fails the second half at once: the
 * claims of a few-KB fuzz input run to gigabytes.
 */
public final class FuzzProperty {
    /** Buffers any read may allocate whatever the input (stream buffers, tables, parsers). */
    public static final long SLACK = 16L << 20;
    /** What one byte of real content may cost: a byte, the float it becomes, growth copies, parsing. */
    public static final long PER_BYTE = 64;

    private FuzzProperty() {}

    /**
     * Runs {@code read} and checks the property for an input holding {@code contentBytes}. An
     * allocation over the limit is measured a second time before it fails: the first call of a
     * reader in a JVM also loads and initialises its classes (YAML, JSON and image libraries).
     */
    public static void check(long contentBytes, Runnable read) {
        long limit = SLACK + PER_BYTE * contentBytes;
        long allocated = allocatedBy(read);
        if (allocated > limit) allocated = allocatedBy(read);
        if (allocated > limit) {
            throw new IllegalStateException("allocated " + allocated + " bytes for an input holding " + contentBytes
                    + " bytes (limit " + limit + "): a size was trusted that the input does not hold");
        }
    }

    /** Bytes allocated by {@code read}; rethrows anything but a one-line UserException. */
    private static long allocatedBy(Runnable read) {
        long[] allocated = new long[1];
        RuntimeException[] escaped = new RuntimeException[1];
        allocated[0] = AllocationMeter.bytesAllocatedBy(() -> {
            try {
                read.run();
            } catch (UserException expected) {
                if (expected.getMessage() == null || expected.getMessage().contains("\n")) {
                    escaped[0] = new IllegalStateException("a user error must be one line: " + expected.getMessage());
                }
            } catch (RuntimeException e) {
                escaped[0] = e;
            }
        });
        if (escaped[0] != null) throw escaped[0];
        return allocated[0];
    }

    /** Writes {@code data} to one temporary file per thread, reused by every input. */
    public static Path file(byte[] data, String suffix) {
        try {
            Path file = FILES.get().resolve("input" + suffix);
            Files.write(file, data);
            file.toFile().deleteOnExit();  // registered after its folder, so removed before it
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ThreadLocal<Path> FILES = ThreadLocal.withInitial(() -> {
        try {
            Path dir = Files.createTempDirectory("scratchnet-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });
}
