package org.scratchnet.bench;

import java.util.Optional;
import org.scratchnet.tensor.FmaPeak;

/**
 * The float32 peak that the workloads' GFLOP/s are measured against, and how it was obtained:
 * given with {@code --peak-gflops}, or measured on this machine by {@link FmaPeak} (the threads
 * the workloads use, running FMAs at once). It used to be stated as cores x 32 FLOP/cycle x
 * 3.3 GHz, which is a Zen 4's figure and half of a Zen 5's (see ../shared/MACHINE.md): no
 * constant serves every CPU, and Java cannot read the clock under a hypervisor.
 *
 * @param gflops  the peak of the threads used, in GFLOP/s; null when it is unknown
 * @param oneCore one thread's measured peak, null when not measured
 * @param source  "given", "measured" or "unknown"
 * @param how     a sentence saying how it was obtained
 * @param vectorBits the measured vectors' width, 0 when not measured
 */
public record Peak(Double gflops, Double oneCore, String source, String how, int vectorBits) {

    /** The given peak, else the measured one for {@code threads} threads, else an unknown one that says why. */
    public static Peak of(Double given, int threads) {
        if (given != null) return new Peak(given, null, "given", "given with --peak-gflops", 0);
        return fromMeasurements(FmaPeak.measure(threads), threads == 1 ? Optional.empty() : FmaPeak.measure(1));
    }

    static Peak fromMeasurements(Optional<FmaPeak> all, Optional<FmaPeak> one) {
        if (all.isEmpty()) {
            return new Peak(null, null, "unknown",
                    "not measured: the JVM lacks the Vector API module (run through ./scratchnet, or give --peak-gflops)", 0);
        }
        FmaPeak m = all.get();
        double oneCore = one.map(FmaPeak::gflops).orElse(m.threads() == 1 ? m.gflops() : Double.NaN);
        return new Peak(m.gflops(), Double.isNaN(oneCore) ? null : oneCore, "measured", m.explain(), m.vectorBits());
    }

    /** The share of the peak that {@code gflops} reaches, or null when the peak is unknown. */
    public Double fraction(double gflops) {
        return this.gflops == null ? null : gflops / this.gflops;
    }
}
