package org.scratchnet.explain;

import java.util.List;

/**
 * The explanation as text for a terminal: the title and header, then each frame as a short
 * paragraph (equation number, formula and shape; the paper's form; the telling values; the
 * meaning; a note where the paper differs), grouped by section, lines wrapped at
 * {@value #WIDTH} columns.
 */
public final class TerminalText {
    static final int WIDTH = 100;
    private static final String INDENT = "      ";

    private TerminalText() {}

    public static String of(Explanation e) {
        StringBuilder s = new StringBuilder();
        s.append(e.title()).append('\n');
        for (String line : e.header()) wrap(s, line, "", "  ");
        String section = "";
        for (Frame f : e.frames()) {
            if (!f.section().equals(section)) {
                section = f.section();
                s.append('\n').append("== ").append(section).append(" ==").append('\n');
            } else {
                s.append('\n');
            }
            String head = (f.number().isEmpty() ? "" : f.number() + "  ") + f.formula();
            if (f.matrix() != null) head += "   [" + f.matrix().shape() + "]";
            s.append(head).append('\n');
            if (!f.paperForm().isEmpty()) wrap(s, "paper: " + f.paperForm(), INDENT, INDENT + "  ");
            for (String v : f.values()) wrap(s, v, INDENT, INDENT + "  ");
            wrap(s, f.meaning(), INDENT, INDENT);
            if (!f.note().isEmpty()) wrap(s, "! " + f.note(), INDENT, INDENT + "  ");
        }
        return s.toString();
    }

    /** Appends {@code text} wrapped at {@link #WIDTH}, the first line after {@code first}, the others after {@code rest}. */
    static void wrap(StringBuilder s, String text, String first, String rest) {
        String prefix = first;
        StringBuilder line = new StringBuilder();
        for (String word : List.of(text.split(" "))) {
            if (line.length() > 0 && prefix.length() + line.length() + 1 + word.length() > WIDTH) {
                s.append(prefix).append(line).append('\n');
                line.setLength(0);
                prefix = rest;
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        s.append(prefix).append(line).append('\n');
    }
}
