package org.scratchnet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.scratchnet.UserException;
import org.scratchnet.io.AtomicFiles;

/**
 * Opens a data file that may or may not be gzip-compressed, deciding by its first two bytes
 * (the gzip magic 1f 8b) rather than by its name: people gunzip files and keep the name, or
 * download them already decompressed by the browser.
 */
final class RawBytes {

    private static final int BUFFER = 1 << 16;

    private RawBytes() {}

    /** The whole (decompressed) content of {@code file}; any failure is a one-line UserException. */
    static byte[] readAll(Path file) {
        checkReadable(file);
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new UserException(file + ": corrupt gzip data (" + e.getMessage()
                    + "); the file is damaged, download it again");
        } catch (EOFException e) {
            throw new UserException(file + ": truncated gzip data (the compressed stream ends early);"
                    + " the file is incomplete, download it again");
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + AtomicFiles.describe(e)
                    + "; check the path and its permissions");
        }
    }

    /** A buffered stream over the content of {@code file}, gunzipped if it starts with 1f 8b. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, BUFFER);
        }
        return in;
    }

    /** Fails with a clear message for the common cases before any stream is opened. */
    static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new UserException("cannot read " + file + ": no such file; check the path");
        }
        if (Files.isDirectory(file)) {
            throw new UserException("cannot read " + file + ": it is a folder, expected a file");
        }
        if (!Files.isReadable(file)) {
            throw new UserException("cannot read " + file + ": permission denied; check its permissions");
        }
    }
}
