package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --dashboard} on the real command line: a port in use, and --port or --host without
 * --dashboard, are one line with the folder unchanged; with no page ever opened the run prints its
 * address, trains, saves its model and ends; a run paused from the page and then stopped by
 * SIGTERM writes its checkpoint as any run does (the pause gives way to the stop), and
 * {@code --resume} continues it, without the dashboard unless asked again.
 */
class DashboardHostileTest {
    private static final String[] TRAIN = {"train", "--csv", "train.csv", "--layers", "784,16,10", "--epochs", "2", "--batch", "30",
        "--seed", "5"};

    @TempDir
    Path dir;

    @BeforeEach
    void data() {
        SmallData.trainCsv(dir.resolve("train.csv"), 1000);
    }

    private static String[] with(String... more) {
        List<String> args = new ArrayList<>(List.of(TRAIN));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aPortInUseAndPortOrHostWithoutDashboardAreOneLineAndChangeNothing() throws IOException {
        FolderSnapshot before = FolderSnapshot.of(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(Expect.userError(Cli.run(dir, with("--dashboard", "--port", Integer.toString(port)))))
                    .isEqualTo("port " + port + " on 127.0.0.1 is in use (another server, or another scratchnet serve?); choose"
                            + " another with --port, or --port 0 for any free one");
        }
        assertThat(Expect.userError(Cli.run(dir, with("--port", "0")))).isEqualTo("--port is for the dashboard; add --dashboard, or drop it");
        assertThat(Expect.userError(Cli.run(dir, with("--dashboard", "--port", "70000")))).contains("--port").contains("70000");
        before.assertUnchanged();
    }

    @Test
    void withThePageNeverOpenedTheRunPrintsItsAddressTrainsAndSavesItsModel() {
        Cli.Run run = Cli.run(dir, with("--dashboard", "--port", "0"));
        Expect.success(run);
        assertThat(run.out()).containsPattern("Dashboard: http://127\\.0\\.0\\.1:[0-9]+/ \\(pause, resume and change the learning rate there\\)");
        assertThat(run.out()).contains("Saved the model to model.safetensors");
        assertThat(dir.resolve("model.safetensors")).exists();
        assertThat(dir.resolve("model.history.csv")).exists();
        assertThat(dir.resolve("model.checkpoint")).doesNotExist();
    }

    @Test
    void aRunPausedFromThePageAndStoppedBySigtermWritesItsCheckpointAndResumes() throws Exception {
        Process p = Cli.start(dir, List.of("-Dscratchnet.test.pauseAfterUpdate=20"), with("--dashboard", "--port", "0"));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        URI url = null;
        for (String line; url == null && (line = out.readLine()) != null; ) {
            if (line.startsWith("Dashboard: ")) url = URI.create(line.split(" ")[1]);
        }
        assertThat(url).as("the address is printed").isNotNull();
        CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));  // keep its stdout flowing
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> paused = client.send(HttpRequest.newBuilder(url.resolve("/api/training/control"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"paused\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paused.body()).isEqualTo("{\"paused\":true,\"learning_rate\":null}");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.send(HttpRequest.newBuilder(url.resolve("/api/training/history")).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("\"type\":\"paused\"") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(p.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the pause gives way to the stop").isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(stderr.get(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .contains("the run is saved in model.checkpoint: continue it with 'scratchnet train --resume model.checkpoint'");
        assertThat(dir.resolve("model.checkpoint")).exists();

        Cli.Run resumed = Cli.run(dir, "train", "--resume", "model.checkpoint");
        Expect.success(resumed);
        assertThat(resumed.out()).contains("Resuming from model.checkpoint").doesNotContain("Dashboard:");
        assertThat(Files.exists(dir.resolve("model.safetensors"))).isTrue();
    }
}
