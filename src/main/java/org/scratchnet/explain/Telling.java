package org.scratchnet.explain;

import java.util.Locale;

/**
 * Small summaries of a matrix that tell something at a glance (a row, the largest entry and
 * where it is, the share of zeros, a norm), and the number format the explanation prints.
 * Matrices are row-major with {@code cols} columns.
 */
final class Telling {
    private Telling() {}

    /** 4 significant digits without trailing zeros, plain from 1e-3 to 1e4, else in e-notation; 0 as "0". */
    static String num(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
            String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Row {@code r}, its first {@code max} entries, space-separated ("…" when there are more). */
    static String row(float[] a, int r, int cols, int max) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < Math.min(cols, max); c++) s.append(c == 0 ? "" : " ").append(num(a[r * cols + c]));
        if (cols > max) s.append(" … (").append(cols - max).append(" more)");
        return s.toString();
    }

    /** The index of the entry of largest magnitude (the first on ties). */
    static int largest(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (Math.abs(a[i]) > Math.abs(a[best])) best = i;
        return best;
    }

    static double fractionZero(float[] a) {
        int zeros = 0;
        for (float v : a) if (v == 0f) zeros++;
        return (double) zeros / a.length;
    }

    static double norm(float[] a) {
        double s = 0;
        for (float v : a) s += (double) v * v;
        return Math.sqrt(s);
    }

    static float min(float[] a) {
        float m = a[0];
        for (float v : a) m = Math.min(m, v);
        return m;
    }

    static float max(float[] a) {
        float m = a[0];
        for (float v : a) m = Math.max(m, v);
        return m;
    }

    static double mean(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s / a.length;
    }

    static double std(float[] a) {
        double mean = mean(a), s = 0;
        for (float v : a) s += (v - mean) * (v - mean);
        return Math.sqrt(s / a.length);
    }

    /** "[-1.234, 5.678]". */
    static String range(float[] a) {
        return "[" + num(min(a)) + ", " + num(max(a)) + "]";
    }

    /** "47%" or "0.3%". */
    static String percent(double fraction) {
        double p = 100 * fraction;
        return (p == 0 || p >= 10 || p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
