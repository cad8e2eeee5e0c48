package org.scratchnet.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data caches of one core, in bytes (0 where unknown), as the kernels' tile chooser
 * ({@link TileShape}) and the benchmark report read them: from
 * {@code /sys/devices/system/cpu/cpu0/cache/index*} (level, type, size) where readable, else
 * from {@code /proc/cpuinfo}'s "cache size", which is the L2 per core on AMD processors (and the
 * last-level cache on Intel's, which is why it counts only for AMD). Under some hypervisors the
 * sysfs folder is missing and only the cpuinfo line is there.
 *
 * @param l1d    level-1 data cache per core
 * @param l2     level-2 cache per core
 * @param l3     level-3 cache (shared)
 * @param source where the sizes were read
 */
public record CpuCaches(long l1d, long l2, long l3, String source) {

    public static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");
    public static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** Nothing known. */
    public static final CpuCaches UNKNOWN = new CpuCaches(0, 0, 0, "unknown");

    /** This machine's caches, read once at each call (no global cache of the answer). */
    public static CpuCaches read() {
        return read(SYSFS, CPUINFO);
    }

    /** The caches from a sysfs cache folder, else from a cpuinfo file; {@link #UNKNOWN} if neither says. */
    static CpuCaches read(Path sysfs, Path cpuinfo) {
        CpuCaches fromSysfs = fromSysfs(sysfs);
        if (fromSysfs.l2 > 0) return fromSysfs;
        try {
            return fromCpuinfo(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    static CpuCaches fromSysfs(Path dir) {
        long l1d = 0, l2 = 0, l3 = 0;
        for (int i = 0; i < 16; i++) {
            Path index = dir.resolve("index" + i);
            if (!Files.isDirectory(index)) continue;
            try {
                int level = Integer.parseInt(Files.readString(index.resolve("level")).trim());
                String type = Files.readString(index.resolve("type")).trim();
                long size = bytes(Files.readString(index.resolve("size")).trim());
                if (level == 1 && type.equals("Data")) l1d = size;
                else if (level == 2 && !type.equals("Instruction")) l2 = size;
                else if (level == 3) l3 = size;
            } catch (IOException | RuntimeException e) {
                // an unreadable entry leaves that level unknown
            }
        }
        return l2 > 0 ? new CpuCaches(l1d, l2, l3, dir.toString()) : UNKNOWN;
    }

    static CpuCaches fromCpuinfo(String text) {
        String vendor = field(text, "vendor_id"), size = field(text, "cache size");
        if (size == null || !"AuthenticAMD".equals(vendor)) return UNKNOWN;
        return new CpuCaches(0, bytes(size.replace(" ", "").replace("B", "")), 0, "/proc/cpuinfo cache size (the L2 on AMD)");
    }

    /** The first value of a "name : value" line, or null. */
    static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    /** "48K", "1024K", "32M", "512" as bytes. */
    static long bytes(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        long unit = s.endsWith("K") ? 1L << 10 : s.endsWith("M") ? 1L << 20 : s.endsWith("G") ? 1L << 30 : 1;
        if (unit > 1) s = s.substring(0, s.length() - 1);
        return Long.parseLong(s.trim()) * unit;
    }

    /** E.g. "L1d 48 KiB, L2 1 MiB, L3 32 MiB", naming only the levels known. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (l1d > 0) b.append("L1d ").append(human(l1d));
        if (l2 > 0) b.append(b.length() > 0 ? ", " : "").append("L2 ").append(human(l2));
        if (l3 > 0) b.append(b.length() > 0 ? ", " : "").append("L3 ").append(human(l3));
        return b.length() == 0 ? "unknown" : b.toString();
    }

    private static String human(long bytes) {
        return bytes % (1L << 20) == 0 ? bytes / (1L << 20) + " MiB" : bytes / 1024 + " KiB";
    }
}
