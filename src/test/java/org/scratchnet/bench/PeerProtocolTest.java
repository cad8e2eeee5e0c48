package org.scratchnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The peers (bench/peers/*.py) run the workloads by the numbers in bench/peers/common.py, which
 * restate ScratchNet's: a side by side is fair only while the two agree, so a change to one
 * side fails here until the other follows.
 */
class PeerProtocolTest {

    @Test
    void thePeersRunTheWorkloadsAsScratchNetDoes() throws IOException {
        Map<String, String> py = constants(Path.of("bench/peers/common.py"));
        assertThat(Long.parseLong(py.get("SEED"))).isEqualTo(Workloads.SEED);
        assertThat(Integer.parseInt(py.get("W1_ITERATIONS"))).isEqualTo(Workloads.W1_ITERATIONS);
        assertThat(Float.parseFloat(py.get("W1_LR"))).isEqualTo(Workloads.W1_LEARNING_RATE);
        assertThat(Integer.parseInt(py.get("W2_BATCH"))).isEqualTo(Workloads.W2_BATCH);
        assertThat(Float.parseFloat(py.get("W2_LR"))).isEqualTo(Workloads.W2_LEARNING_RATE);
        assertThat(Integer.parseInt(py.get("INFER_BATCH"))).isEqualTo(Workloads.W2_INFER_BATCH);
        assertThat(Integer.parseInt(py.get("INFER_WARMUP"))).isEqualTo(W2Benchmark.INFER_WARMUP);
        assertThat(Integer.parseInt(py.get("INFER_REPEATS"))).isEqualTo(W2Benchmark.INFER_REPEATS);
        assertThat(Integer.parseInt(py.get("LATENCY_REPEATS"))).isEqualTo(Workloads.W2_LATENCY_SAMPLES);
    }

    /** The file's top-level "NAME = number" lines (comments after # dropped). */
    private static Map<String, String> constants(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        Pattern line = Pattern.compile("^([A-Z0-9_]+) = ([0-9.]+)\\s*(#.*)?$");
        for (String text : Files.readAllLines(file)) {
            Matcher m = line.matcher(text);
            if (m.matches()) values.put(m.group(1), m.group(2));
        }
        assertThat(values).containsKeys("SEED", "W1_ITERATIONS", "W1_LR", "W2_BATCH", "W2_LR", "INFER_BATCH",
                "INFER_WARMUP", "INFER_REPEATS", "LATENCY_REPEATS");
        return values;
    }
}
