package org.scratchnet.bench;

/**
 * The float32 peak that W2's GFLOP/s is measured against, for the reference machine (see
 * ../shared/MACHINE.md): an AMD Zen 4 core retires two 256-bit FMAs per cycle (AVX-512 runs
 * double pumped), that is 2 pipes x 8 lanes x 2 FLOPs = 32 FLOPs per cycle, at about 3.66 GHz
 * with one core busy and 3.3 GHz with both. So the peak is 117 GFLOP/s on one thread and
 * 211 GFLOP/s on two. Java cannot read the real clock under a hypervisor (/proc/cpuinfo shows the
 * nominal 2.45 GHz), so on another CPU pass its peak with {@code --peak-gflops}.
 */
public final class Peak {
    public static final double FLOPS_PER_CYCLE = 32;
    public static final double GHZ_ONE_CORE = 3.66;
    public static final double GHZ_ALL_CORES = 3.3;

    private Peak() {}

    public static double gflops(int threads) {
        return threads * FLOPS_PER_CYCLE * (threads == 1 ? GHZ_ONE_CORE : GHZ_ALL_CORES);
    }

    public static String explain(int threads) {
        return String.format(java.util.Locale.ROOT, "%d core%s x %.0f FLOP/cycle x %.2f GHz", threads, threads == 1 ? "" : "s",
                FLOPS_PER_CYCLE, threads == 1 ? GHZ_ONE_CORE : GHZ_ALL_CORES);
    }
}
