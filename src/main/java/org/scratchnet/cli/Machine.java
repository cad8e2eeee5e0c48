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
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the architecture name will do
        }
        return model + ", " + Count.of(Runtime.getRuntime().availableProcessors(), "core");
    }
}
