package org.scratchnet.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data (RFC 1952) and, unlike {@link java.util.zip.GZIPInputStream}, refuses
 * anything after the last member: the JDK's stream silently stops at bytes that do not start a
 * new member, so a file with garbage appended was accepted while the same garbage after raw IDX
 * data was refused. Concatenated members (what {@code cat a.gz b.gz} makes) are read as one
 * stream, as gzip(1) does. Each member's CRC-32 and length are checked.
 */
final class StrictGzipInputStream extends InputStream {

    /** Thrown for bytes after the end of the compressed data. */
    static final class TrailingDataException extends ZipException {
        TrailingDataException(String message) {
            super(message);
        }
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean inMember;
    private boolean ended;
    private int members;

    StrictGzipInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!ended) {
            if (!inMember) {
                if (!startMember()) {
                    ended = true;
                    break;
                }
            }
            try {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    crc.update(b, off, n);
                    memberSize += n;
                    return n;
                }
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();  // what the inflater was given but did not use
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("the deflate data asks for a preset dictionary, which gzip never uses");
            } else if (inflater.needsInput()) {
                if (!fill()) throw new EOFException("the compressed stream ends early");
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            }
        }
        return -1;
    }

    /** Reads a member header; false at a clean end of input after at least one member. */
    private boolean startMember() throws IOException {
        int b0 = nextByte();
        if (b0 < 0) {
            if (members == 0) throw new EOFException("no gzip data");
            return false;
        }
        int b1 = nextByte();
        if (b0 != 0x1f || b1 != 0x8b) {
            long extra = 1 + (b1 < 0 ? 0 : 1) + countRest();
            throw new TrailingDataException(extra + " bytes of unexpected data after the end of the gzip stream");
        }
        if (nextByteOrFail() != 8) throw new ZipException("unsupported compression method (gzip uses deflate, 8)");
        int flags = nextByteOrFail();
        for (int i = 0; i < 6; i++) nextByteOrFail();  // mtime, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            int n = nextByteOrFail() | (nextByteOrFail() << 8);
            for (int i = 0; i < n; i++) nextByteOrFail();
        }
        if ((flags & FNAME) != 0) while (nextByteOrFail() != 0) { /* the original file name */ }
        if ((flags & FCOMMENT) != 0) while (nextByteOrFail() != 0) { /* a comment */ }
        if ((flags & FHCRC) != 0) {
            nextByteOrFail();
            nextByteOrFail();
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inMember = true;
        members++;
        if (pos < lim) {
            inflater.setInput(buf, pos, lim - pos);
            pos = lim;
        }
        return true;
    }

    /** Checks the trailer: CRC-32 and size modulo 2^32 of the decompressed member. */
    private void endMember() throws IOException {
        long storedCrc = readIntLE();
        long storedSize = readIntLE();
        if (storedCrc != crc.getValue()) throw new ZipException("CRC-32 mismatch: the data is damaged");
        if (storedSize != (memberSize & 0xFFFFFFFFL)) throw new ZipException("the stored length does not match the data");
        inMember = false;
    }

    private long readIntLE() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) v |= (long) nextByteOrFail() << (8 * i);
        return v;
    }

    private int nextByteOrFail() throws IOException {
        int b = nextByte();
        if (b < 0) throw new EOFException("the compressed stream ends early");
        return b;
    }

    private int nextByte() throws IOException {
        if (pos == lim && !fill()) return -1;
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer; false at end of input. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) return false;
        pos = 0;
        lim = n;
        return true;
    }

    /** Counts the bytes left (for a message), reading at most 1 GB of them. */
    private long countRest() throws IOException {
        long n = lim - pos;
        pos = lim;
        long cap = 1L << 30;
        while (n < cap) {
            int r = in.read(buf, 0, buf.length);
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
