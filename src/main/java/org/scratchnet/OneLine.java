package org.scratchnet;

/**
 * A message made safe to print as one line on a terminal: line breaks, tabs, escape sequences
 * and other control or invisible formatting characters (which a file name may hold, and which
 * could split the message, redraw the screen or reorder the text) are shown as escapes
 * (backslash n, backslash t, backslash u and four hex digits) instead of acting.
 */
public final class OneLine {
    private OneLine() {}

    public static String of(String message) {
        if (message == null) return "";
        StringBuilder s = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                        s.append(String.format("\\u%04x", c));
                    } else {
                        s.appendCodePoint(c);
                    }
                }
            }
        });
        return s.toString();
    }

    /**
     * A value quoted from a user's file, as one line and at most {@code longest} characters of it
     * (then its length), so that a message about a bad value never grows with the value.
     */
    public static String excerpt(String value, int longest) {
        String line = of(value);
        if (line.length() <= longest) return line;
        return line.substring(0, longest) + "... (" + Count.of(value.length(), "character") + ")";
    }
}
