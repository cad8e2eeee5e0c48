package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * {@code scratchnet bench} in its smoke form on the real MNIST files: the JSON carries every key
 * the side-by-side script reads, with sane values. Speed itself is not asserted (that is what the
 * benchmark is for); only that the workloads ran and learned.
 */
class BenchCommandTest {

    @Test
    void quickBenchPrintsEveryKeyAsJson() {
        CliEndToEndTest.Result r = CliEndToEndTest.run("bench", "--data", CliEndToEndTest.MNIST.toString(), "--quick",
                "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String key : new String[] {"w1_seconds_per_iteration", "w1_seconds_total", "w2_train_samples_per_second",
                "w2_gflops", "w2_peak_fraction", "w2_infer_samples_per_second", "w2_latency_us_median",
                "w2_latency_us_p99", "threads", "jdk", "kernels"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("threads").getAsInt()).isEqualTo(2);
        assertThat(json.get("w1_iterations").getAsInt()).isEqualTo(20);
        // 20 full-batch steps from U(-0.5, 0.5) already beat guessing
        assertThat(json.get("w1_train_accuracy").getAsDouble()).isGreaterThan(0.15);
        assertThat(json.get("w2_latency_us_p99").getAsDouble()).isGreaterThanOrEqualTo(json.get("w2_latency_us_median").getAsDouble());
        assertThat(json.get("w2_peak_fraction").getAsDouble())
                .isEqualTo(json.get("w2_gflops").getAsDouble() / json.get("w2_peak_gflops").getAsDouble());
        assertThat(json.has("train_default_seconds")).as("--quick skips the train run").isFalse();
        // the peak is measured on this machine (the tests run with the Vector API), for the threads used
        assertThat(json.get("peak_source").getAsString()).isEqualTo("measured");
        assertThat(json.get("peak").getAsString()).contains("2 threads");
        assertThat(json.get("peak_gflops").getAsDouble()).isEqualTo(json.get("w2_peak_gflops").getAsDouble()).isPositive();
        assertThat(json.get("peak_gflops_one_core").getAsDouble()).isPositive();
        assertThat(json.get("w1_peak_fraction").getAsDouble())
                .isEqualTo(json.get("w1_gflops").getAsDouble() / json.get("peak_gflops").getAsDouble());
        assertThat(json.get("caches").getAsString()).isNotBlank();
    }

    @Test
    void onlyOneWorkload() {
        CliEndToEndTest.Result r = CliEndToEndTest.run("bench", "--data", CliEndToEndTest.MNIST.toString(), "--quick",
                "--only", "w1", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("W1  784-10-10 full batch").doesNotContain("W2");
    }

    @Test
    void aGivenPeakIsUsedAndNamed() {
        CliEndToEndTest.Result r = CliEndToEndTest.run("bench", "--data", CliEndToEndTest.MNIST.toString(), "--quick",
                "--only", "w1", "--threads", "1", "--peak-gflops", "100", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(json.get("peak_source").getAsString()).isEqualTo("given");
        assertThat(json.get("peak_gflops").getAsDouble()).isEqualTo(100.0);
        assertThat(json.get("w1_peak_fraction").getAsDouble()).isEqualTo(json.get("w1_gflops").getAsDouble() / 100);
    }

    @Test
    void aBadWorkloadIsOneLine() {
        CliEndToEndTest.Result r = CliEndToEndTest.run("bench", "--only", "w3");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("scratchnet: --only takes w1, w2 or train, got 'w3'\n");
    }
}
