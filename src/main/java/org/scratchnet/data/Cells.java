package org.scratchnet.data;

import java.nio.charset.StandardCharsets;

/**
 * How a bad CSV cell is shown in a one-line message: as written (never cut to a clamped number),
 * with invisible characters spelled out, and with the likely cause when the cell holds a tab, a
 * NUL byte or another control character rather than a plain typo.
 */
final class Cells {
    /** Cells longer than this are shown by their start and their length. */
    private static final int SHOWN = 40;

    private Cells() {}

    /** "'abc' is not a whole number 0..255", or what the cell holds that no number can. */
    static String notANumber(byte[] line, int start, int end, String range) {
        String cell = shown(line, start, end);
        for (int i = start; i < end; i++) {
            int c = line[i] & 0xFF;
            if (c == '\t') {
                return cell + " contains a tab: cells are separated by commas (is the file tab-separated?)";
            }
            if (c == 0) {
                return cell + " contains a NUL byte (a binary file, or text saved as UTF-16?); expected a whole number " + range;
            }
            if (c < 32 || c == 127) {
                return cell + " contains the control character " + String.format("U+%04X", c) + "; expected a whole number " + range;
            }
        }
        return cell + " is not a whole number " + range;
    }

    /** The cell between quotes, trimmed of spaces, escaped, and shortened if very long. */
    static String shown(byte[] line, int start, int end) {
        return "'" + asWritten(line, start, end) + "'";
    }

    /** The cell trimmed of spaces, escaped, in full unless longer than {@value #SHOWN} characters. */
    static String asWritten(byte[] line, int start, int end) {
        while (start < end && line[start] == ' ') start++;
        while (end > start && line[end - 1] == ' ') end--;
        String text = escaped(new String(line, start, end - start, StandardCharsets.UTF_8));
        if (text.length() > SHOWN) text = text.substring(0, SHOWN) + "... (" + (end - start) + " characters)";
        return text;
    }

    /** Control characters as \t, \r, \0 or \\u0001, so a message stays one readable line. */
    static String escaped(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case 0 -> b.append("\\0");
                default -> {
                    if (c < 32 || c == 127 || (c >= 0x80 && c < 0xA0)) b.append(String.format("\\u%04X", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
