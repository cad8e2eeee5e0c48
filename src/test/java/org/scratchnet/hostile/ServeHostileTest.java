package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scratchnet serve} attacked from outside, in a JVM of its own: a port already taken, a
 * host that is not this machine, options out of range (each one line, exit 2, nothing written),
 * clients that stall in the middle of a request (cut off after --timeout while others are still
 * answered), and Ctrl-C, which must stop the server at once, free its port and print no trace.
 */
class ServeHostileTest {
    private static final String MODEL = InputsHostileTest.FIXTURE_MODEL.toAbsolutePath().toString();

    @Test
    void aPortInUseOrAnAddressNotOfThisMachineIsOneLine(@TempDir Path dir) throws IOException {
        FolderSnapshot before = FolderSnapshot.of(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String message = Expect.userError(Cli.run(dir, "serve", "--model", MODEL, "--data", Cli.mnist().toString(),
                    "--port", Integer.toString(port)));
            assertThat(message).contains("port " + port + " on 127.0.0.1 is in use").contains("--port");
        }
        // 192.0.2.1 is reserved for documentation (TEST-NET-1): never an address of this machine.
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", MODEL, "--data", Cli.mnist().toString(),
                "--host", "192.0.2.1", "--port", "0"))).contains("cannot listen on 192.0.2.1:0");
        before.assertUnchanged();
    }

    @Test
    void serveOptionsOutOfRangeAreRefusedBeforeAnyWork(@TempDir Path dir) {
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", MODEL, "--port", "65536")))
                .contains("--port must be a whole number from 0 to 65535, got '65536'");
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", MODEL, "--timeout", "0")))
                .contains("--timeout must be a whole number from 1 to 3600");
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", dir.resolve("missing.safetensors").toString())))
                .contains("missing.safetensors");
        before.assertUnchanged();
    }

    @Test
    void aCsvTheModelNeverSawIsRefusedNamingServesAllAndServedWithIt(@TempDir Path dir) throws Exception {
        SmallData.trainCsv(dir.resolve("digits.csv"), 200);
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", MODEL, "--csv", "digits.csv", "--port", "0")))
                .contains("add --all to evaluate every row of digits.csv");
        Process p = Cli.start(dir, List.of(), "serve", "--model", MODEL, "--csv", "digits.csv", "--all", "--port", "0");
        try {
            HttpResponse<String> card = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url(p).resolve("/api/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(card.statusCode()).isEqualTo(200);
            assertThat(card.body()).contains("all 200 rows of digits.csv");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void stalledClientsAreCutOffAndCtrlCStopsTheServerCleanly(@TempDir Path dir) throws Exception {
        assumeFalse(sigintIgnored(), "this test JVM was started with SIGINT ignored, which its children inherit");
        Process p = Cli.start(dir, List.of(), "serve", "--model", MODEL, "--data", Cli.mnist().toString(), "--port", "0",
                "--timeout", "2");
        try {
            URI url = url(p);
            // Two clients stall: one in its headers, one in its body.
            try (Socket headers = stall(url, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                 Socket body = stall(url, "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         + "Content-Length: 1000\r\n\r\n{\"pixels\": [0,")) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as("answered while two clients stall").isEqualTo(200);
                assertClosedWithin(headers, 10);
                assertClosedWithin(body, 10);
            }
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped after Ctrl-C").isTrue();
            assertThat(p.exitValue()).as("ended by SIGINT").isEqualTo(130);
            String err = Cli.withoutVectorNotice(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(err.strip()).isEqualTo("scratchnet: stopped serving");
            try (ServerSocket again = new ServerSocket(url.getPort(), 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(url.getPort());
            }
            try (var files = Files.list(dir)) {
                assertThat(files).as("nothing written").isEmpty();
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /** The page's URL from the line serve prints once it listens ("Open http://127.0.0.1:PORT/ ..."). */
    private static URI url(Process p) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_SECONDS);
        while (System.nanoTime() < end) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("Open http://")) return URI.create(line.split(" ")[1]);
            if (line == null && !p.isAlive()) break;
        }
        throw new AssertionError("serve printed no URL; exit " + (p.isAlive() ? "(running)" : p.exitValue()));
    }

    private static Socket stall(URI url, String partialRequest) throws IOException {
        Socket s = new Socket(url.getHost(), url.getPort());
        OutputStream out = s.getOutputStream();
        out.write(partialRequest.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** The server closes the connection (end of stream) within {@code seconds}, having sent nothing. */
    private static void assertClosedWithin(Socket s, int seconds) throws IOException {
        s.setSoTimeout(seconds * 1000);
        InputStream in = s.getInputStream();
        try {
            assertThat(in.read()).as("closed by the server").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a stalled client was still connected after " + seconds + " s", e);
        } catch (IOException e) {
            // reset by the server: closed too
        }
    }

    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
        }
        return false;
    }
}
