package org.scratchnet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scratchnet.Count;

/** A one-line description of the CPU, for benchmark output. */
final class Machine {
    private Machine() {}

    static String cpu() {
        String model = System.getProperty("os.arch");
        try {
            model = describe(Files.readString(Path.of("/proc/cpuinfo")), model);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the architecture name will do
        }
        return model + ", " + Count.of(Runtime.getRuntime().availableProcessors(), "core");
    }

    /**
     * "AMD EPYC (family 26, model 2), AVX-512" from the first processor of a cpuinfo text: under
     * KVM the model name can be as vague as "AMD EPYC", and the family, model and vector flags say
     * which generation it is. {@code fallback} when the text names no model.
     */
    static String describe(String cpuinfo, String fallback) {
        String name = null, family = null, model = null, flags = "";
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (name != null) break;  // the first processor only
                continue;
            }
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            if (key.equals("model name") && name == null) name = value;
            else if (key.equals("cpu family") && family == null) family = value;
            else if (key.equals("model") && model == null) model = value;
            else if (key.equals("flags") && flags.isEmpty()) flags = " " + value + " ";
        }
        if (name == null) return fallback;
        if (family != null && model != null) name += " (family " + family + ", model " + model + ")";
        if (flags.contains(" avx512f ")) name += ", AVX-512";
        else if (flags.contains(" avx2 ")) name += ", AVX2";
        return name;
    }
}
