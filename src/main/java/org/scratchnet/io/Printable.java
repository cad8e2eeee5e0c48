package org.scratchnet.io;

import java.nio.file.Path;

/**
 * Paths as a one-line message may show them: a newline, escape or other control character in a
 * file name is written as an escape ({@code \n}, {@code \x1b}) so it can neither break the one
 * line nor drive the terminal.
 */
public final class Printable {
    private Printable() {}

    public static String path(Path p) {
        return text(p.toString());
    }

    public static String text(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format(c > 0xff ? "\\u%04x" : "\\x%02x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }
}
