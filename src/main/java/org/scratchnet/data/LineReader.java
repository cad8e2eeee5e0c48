package org.scratchnet.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a text file line by line as bytes, with a cap on the length of one line. A file with no
 * line breaks ({@code /dev/zero}, a binary file given as CSV) ends in {@link TooLongException}
 * after {@code maxLineBytes}, instead of growing a String until the heap is gone as
 * {@link java.io.BufferedReader#readLine()} would. The line ends at \n; a \r before it is dropped.
 */
final class LineReader {

    /** A line longer than the cap; {@link #limit} is the cap. */
    static final class TooLongException extends IOException {
        final int limit;

        TooLongException(int limit) {
            super("a line longer than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean eof;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line; false at the end of the input. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                if (eof || !fill()) return any;
            }
            any = true;
            int start = pos;
            while (pos < lim && buf[pos] != '\n') pos++;
            append(start, pos);
            if (pos < lim) {
                pos++;  // the \n
                if (length > 0 && line[length - 1] == '\r') length--;
                return true;
            }
        }
    }

    /** The bytes of the current line, valid until the next call of {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    /** The length of the current line. */
    int length() {
        return length;
    }

    private void append(int from, int to) throws TooLongException {
        int n = to - from;
        if ((long) length + n > maxLineBytes) throw new TooLongException(maxLineBytes);
        if (length + n > line.length) line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(length + n, 2 * line.length)));
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
