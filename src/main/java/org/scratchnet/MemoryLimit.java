package org.scratchnet;

import java.util.Locale;

/**
 * Checks a large allocation against the Java heap before it is made, so that a network, a data
 * set or an image too large for this JVM ends in one line that says how much is needed and how
 * to raise the limit, instead of an OutOfMemoryError half-way through the work.
 *
 * <p>"Free" is the heap's maximum less what is in use now. Garbage counts as in use until the
 * collector runs, so a request that seems too large triggers one collection and is measured
 * again before it is refused. A margin is kept because the collector needs room of its own and a
 * large array must find one contiguous region.
 */
public final class MemoryLimit {

    /** The environment variable the {@code scratchnet} launcher passes to the JVM. */
    public static final String JAVA_OPTS_ENV = "SCRATCHNET_JAVA_OPTS";
    /** Share of the free heap a single request may take. */
    static final double USABLE_SHARE = 0.9;
    /**
     * Requests up to this size are left to the collector: between collections the heap is full
     * of garbage that counts as used, so checking them would force a full collection per small
     * read (the fuzz tests read at 10 inputs a second that way) and could only refuse wrongly.
     */
    static final long SMALL = 32L << 20;

    private MemoryLimit() {}

    /** Fails with a {@link UserException} unless {@code bytes} more fit in the heap; {@code what} names them. */
    public static void require(long bytes, String what) {
        require(bytes, what, null);
    }

    /**
     * As {@link #require(long, String)}; {@code remedy} ("use smaller layers") is offered beside
     * raising the limit, or null if raising the limit is the only way.
     */
    public static void require(long bytes, String what, String remedy) {
        if (bytes <= SMALL || bytes <= usable()) return;
        System.gc();  // garbage counts as used until collected: measure again before refusing
        long usable = usable();
        if (bytes <= usable) return;
        throw new UserException(what + " needs about " + size(bytes) + " of memory, more than the "
                + size(Math.max(0, usable)) + " free in this Java heap (limit " + size(Runtime.getRuntime().maxMemory())
                + "); " + (remedy == null ? "" : remedy + ", or ") + "raise the limit: " + raiseHint(bytes));
    }

    /** The bytes a request may take now. */
    public static long usable() {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        return (long) ((r.maxMemory() - used) * USABLE_SHARE);
    }

    /** "SCRATCHNET_JAVA_OPTS=-Xmx12g ./scratchnet ... (java -Xmx12g -jar ...)" for a request of {@code bytes}. */
    static String raiseHint(long bytes) {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        long wanted = (long) ((used + bytes) / USABLE_SHARE * 1.25);
        long gib = Math.max(1, (wanted + (1L << 30) - 1) >> 30);
        return JAVA_OPTS_ENV + "=-Xmx" + gib + "g ./scratchnet ... (or java -Xmx" + gib + "g -jar scratchnet.jar ...)";
    }

    /** 1536 -> "1.5 KB", 3.2e9 -> "3.0 GB" (binary units, one decimal). */
    public static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
