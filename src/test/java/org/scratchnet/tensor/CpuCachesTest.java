package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the cache sizes from a sysfs cache folder, from /proc/cpuinfo, and from neither. */
class CpuCachesTest {

    private static void entry(Path dir, int index, int level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }

    @Test
    void sysfsGivesEveryLevel(@TempDir Path dir) throws IOException {
        entry(dir, 0, 1, "Data", "48K");
        entry(dir, 1, 1, "Instruction", "32K");
        entry(dir, 2, 2, "Unified", "1024K");
        entry(dir, 3, 3, "Unified", "32768K");
        CpuCaches c = CpuCaches.read(dir, dir.resolve("no-cpuinfo"));
        assertThat(c).isEqualTo(new CpuCaches(48 << 10, 1 << 20, 32 << 20, dir.toString()));
        assertThat(c.describe()).isEqualTo("L1d 48 KiB, L2 1 MiB, L3 32 MiB");
    }

    @Test
    void withoutSysfsAnAmdCpuinfoGivesTheL2(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\ncache size\t: 1024 KB\n\n"
                + "processor\t: 1\nvendor_id\t: AuthenticAMD\ncache size\t: 1024 KB\n");
        CpuCaches c = CpuCaches.read(dir.resolve("missing"), cpuinfo);
        assertThat(c.l2()).isEqualTo(1 << 20);
        assertThat(c.l1d()).isZero();
        assertThat(c.describe()).isEqualTo("L2 1 MiB");
        assertThat(c.source()).contains("/proc/cpuinfo");
    }

    @Test
    void intelsCpuinfoCacheSizeIsTheLastLevelSoItIsNotTakenForTheL2(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "vendor_id\t: GenuineIntel\ncache size\t: 36608 KB\n");
        assertThat(CpuCaches.read(dir.resolve("missing"), cpuinfo)).isEqualTo(CpuCaches.UNKNOWN);
        assertThat(CpuCaches.UNKNOWN.describe()).isEqualTo("unknown");
    }

    @Test
    void sizesInEveryUnit() {
        assertThat(CpuCaches.bytes("512")).isEqualTo(512);
        assertThat(CpuCaches.bytes("48K")).isEqualTo(48 * 1024);
        assertThat(CpuCaches.bytes("2M")).isEqualTo(2 << 20);
        assertThat(CpuCaches.bytes("1024KB".replace("B", ""))).isEqualTo(1 << 20);
    }
}
