package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.image.MnistImage;
import org.scratchnet.image.Polarity;
import org.scratchnet.nn.Network;

/**
 * The HTTP API of {@code scratchnet serve} over real HTTP, against a model trained on real MNIST:
 * every endpoint, the answers checked against the network run in-process (the same numbers, the
 * same 28x28 input as {@code predict} makes of the same picture), and every kind of bad request
 * refused with its 4xx status and a one-line JSON error.
 */
class ServeApiTest {
    private static WebServer server;
    private static URI base;
    /** The same model, loaded separately: the oracle for the server's answers. */
    private static Network oracle;

    @BeforeAll
    static void start() {
        server = ServedModel.start(4);
        base = server.url();
        oracle = ServedModel.load().network();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void learnExplainsAStepOfTheServedModelFromItsOwnWeightsWithoutChangingIt() {
        HttpResponse<byte[]> r = Http.get(base, "/api/learn");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject j = Http.json(r);
        assertThat(j.get("title").getAsString()).startsWith("One training step of " + ServedModel.ARCHITECTURE);
        assertThat(j.getAsJsonArray("frames").size()).isGreaterThan(14);
        JsonObject step = j.getAsJsonObject("step");
        assertThat(step.getAsJsonObject("gradient_check").get("passed").getAsBoolean()).isTrue();
        JsonArray layers = step.getAsJsonArray("layers");
        for (int l = 0; l < oracle.depth(); l++) {
            JsonArray W = layers.get(l).getAsJsonObject().getAsJsonArray("W");
            float[] expected = oracle.weights(l);
            int in = expected.length / W.size();
            for (int k = 0; k < expected.length; k += 97) {
                assertThat(W.get(k / in).getAsJsonArray().get(k % in).getAsFloat()).as("W[%d] entry %d", l + 1, k).isEqualTo(expected[k]);
            }
        }
        assertThat(Http.get(base, "/api/learn").body()).as("the same step again, not a second one").isEqualTo(r.body());
        assertThat(Http.get(base, "/learn").statusCode()).isEqualTo(200);
        assertThat(Http.get(base, "/assets/learn.js").statusCode()).isEqualTo(200);
    }

    @Test
    void healthAnswersOkWithTheSecurityHeaders() {
        HttpResponse<byte[]> r = Http.get(base, "/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).get("status").getAsString()).isEqualTo("ok");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        WebServer.SECURITY_HEADERS.forEach((name, value) -> assertThat(r.headers().firstValue(name)).as(name).hasValue(value));
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                .contains("frame-ancestors 'none'");

        HttpResponse<byte[]> head = Http.send(HttpRequest.newBuilder(base.resolve("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void modelDescribesTheArchitectureProvenanceAndTheTestMetricsMeasuredNow() {
        JsonObject card = Http.json(Http.get(base, "/api/model"));
        assertThat(card.getAsJsonObject("architecture").get("layers").getAsString()).isEqualTo(ServedModel.ARCHITECTURE);
        assertThat(card.get("parameters").getAsLong()).isEqualTo(784L * 64 + 64 + 64 * 10 + 10).isEqualTo(oracle.parameterCount());
        assertThat(card.getAsJsonObject("architecture").getAsJsonArray("per_layer")).hasSize(2);
        assertThat(card.getAsJsonObject("provenance").get("seed").getAsString()).isEqualTo("7");
        assertThat(card.get("format_version").getAsString()).isEqualTo("1");

        JsonObject test = card.getAsJsonObject("test");
        double accuracy = Evaluation.of(oracle, ServedModel.test()).accuracy();
        assertThat(accuracy).isGreaterThan(0.92);  // one epoch of 784-64-10 on real MNIST: 93.9%
        assertThat(test.get("accuracy").getAsDouble()).isEqualTo(accuracy);
        assertThat(test.get("examples").getAsInt()).isEqualTo(10_000);
        long total = 0, diagonal = 0;
        JsonArray rows = test.getAsJsonArray("confusion_matrix");
        for (int a = 0; a < 10; a++) {
            for (int p = 0; p < 10; p++) {
                long n = rows.get(a).getAsJsonArray().get(p).getAsLong();
                total += n;
                if (a == p) diagonal += n;
            }
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(diagonal / 10_000.0).isEqualTo(accuracy, within(1e-12));
        assertThat(card.getAsJsonObject("figures").get("confusion_matrix").getAsString()).isEqualTo("/api/figures/confusion.png");
    }

    @Test
    void theModelCardFiguresArePngsDrawnOnceAndKept() throws IOException {
        for (String name : List.of("confusion", "misclassified", "weights")) {
            HttpResponse<byte[]> r = Http.get(base, "/api/figures/" + name + ".png");
            assertThat(r.statusCode()).as(name).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(200);
            if (name.equals("confusion")) assertThat(img.getWidth()).isEqualTo(600);
            assertThat(Http.get(base, "/api/figures/" + name + ".png").body()).as("cached").isEqualTo(r.body());
        }
        assertThat(Http.get(base, "/api/figures/other.png").statusCode()).isEqualTo(404);
    }

    @Test
    void thePagesAndTheirAssetsAreServedFromTheJarWithNothingFromElsewhere() {
        for (String path : List.of("/", "/model", "/assets/style.css", "/assets/draw.js", "/assets/card.js", "/assets/icon.svg")) {
            HttpResponse<byte[]> r = Http.get(base, path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            String text = new String(r.body(), StandardCharsets.UTF_8);
            // No CDN, no font service: the page works offline (the SVG's own namespace is not a fetch).
            assertThat(text.replace("http://www.w3.org/2000/svg", "")).as(path).doesNotContain("http://", "https://", "//cdn");
        }
        assertThat(Http.get(base, "/").headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(Http.get(base, "/assets/draw.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void jsonPixelsGiveTheNetworksOwnProbabilitiesAndHiddenActivations() {
        for (int i : new int[] {0, 1, 2, 3}) {
            float[] x = ServedModel.pixels(i);
            JsonObject answer = Http.json(postPixels(x));
            float[] expected = oracle.predictProbabilities(x, 1);
            JsonArray p = answer.getAsJsonArray("probabilities");
            assertThat(p).hasSize(10);
            int best = 0;
            for (int c = 0; c < 10; c++) {
                assertThat(p.get(c).getAsFloat()).isEqualTo(expected[c]);
                if (expected[c] > expected[best]) best = c;
            }
            assertThat(answer.get("prediction").getAsInt()).isEqualTo(best).isEqualTo(ServedModel.test().labels[i]);
            JsonArray hidden = answer.getAsJsonArray("hidden_activations");
            assertThat(hidden).hasSize(1);
            float[] a = oracle.hiddenActivations(x, 1).get(0);
            assertThat(hidden.get(0).getAsJsonArray()).hasSize(64);
            for (int u = 0; u < 64; u++) assertThat(hidden.get(0).getAsJsonArray().get(u).getAsFloat()).isEqualTo(a[u]);
            assertThat(answer.has("input")).as("the input is echoed for pictures only").isFalse();
            assertThat(answer.has("members")).as("a committee's field only").isFalse();
        }
    }

    @Test
    void aPictureIsPreprocessedByTheSameCodeAsPredict(@TempDir Path dir) throws IOException {
        // A real test digit, scaled up 6x with a wide margin and drawn dark on light, as a scan would be.
        int i = 7;
        byte[] png = ServedModel.encode(ServedModel.picture(i, 6, 40, true), "png");
        Path file = Files.write(dir.resolve("digit.png"), png);
        float[] expectedInput = MnistImage.load(file, Polarity.AUTO);  // what 'scratchnet predict' reads from the file

        JsonObject answer = Http.json(Http.post(base, "/api/predict", "image/png", png));
        JsonArray input = answer.getAsJsonArray("input");
        assertThat(input).hasSize(784);
        for (int k = 0; k < 784; k++) assertThat(input.get(k).getAsFloat()).as("pixel %d", k).isEqualTo(expectedInput[k]);
        float[] expected = oracle.predictProbabilities(expectedInput, 1);
        for (int c = 0; c < 10; c++) assertThat(answer.getAsJsonArray("probabilities").get(c).getAsFloat()).isEqualTo(expected[c]);
        assertThat(answer.get("prediction").getAsInt()).isEqualTo(ServedModel.test().labels[i]);

        // The polarity said outright gives the same input; said wrongly, the picture has no digit.
        JsonObject told = Http.json(Http.post(base, "/api/predict?invert=yes", "image/png", png));
        assertThat(told.getAsJsonArray("input")).isEqualTo(input);
        HttpResponse<byte[]> wrong = Http.post(base, "/api/predict?invert=no", "image/png",
                ServedModel.encode(ServedModel.picture(i, 6, 40, false), "png"));
        assertThat(wrong.statusCode()).isEqualTo(200);
    }

    @Test
    void aJpegPhotoOfADigitIsRecognised() {
        int right = 0;
        for (int i = 10; i < 20; i++) {
            byte[] jpeg = ServedModel.encode(ServedModel.picture(i, 8, 30, true), "jpeg");
            HttpResponse<byte[]> r = Http.post(base, "/api/predict", "image/jpeg", jpeg);
            assertThat(r.statusCode()).isEqualTo(200);
            if (Http.json(r).get("prediction").getAsInt() == ServedModel.test().labels[i]) right++;
        }
        assertThat(right).as("of 10 JPEG test digits").isGreaterThanOrEqualTo(9);
    }

    @Test
    void badBodiesAreRefusedWithTheRightStatusAndOneLineOfJson() {
        String ok = pixelsJson(ServedModel.pixels(0));
        assertRefused(Http.post(base, "/api/predict", "text/plain", ok.getBytes()), 415, "Content-Type text/plain is not accepted");
        assertRefused(Http.post(base, "/api/predict", null, ok.getBytes()), 415, "no Content-Type");
        assertRefused(Http.post(base, "/api/predict", "image/gif", new byte[] {1, 2}), 415, "image/gif");
        assertRefused(postJson("{\"pixels\": [0, 1,"), 400, "not valid JSON");
        assertRefused(postJson("not json at all"), 400, "not valid JSON");
        assertRefused(postJson(""), 400, "empty");
        assertRefused(postJson("[0.5]"), 400, "not a JSON object");
        assertRefused(postJson("{}"), 400, "no \"pixels\"");
        assertRefused(postJson(ok.replace("\"pixels\"", "\"pixel\"")), 400, "unknown key \"pixel\"");
        assertRefused(postJson(ok.substring(0, ok.length() - 1) + ", \"pixels\": [0]}"), 400, "given twice");
        assertRefused(postJson("{\"pixels\": 0.5}"), 400, "not an array");
        assertRefused(postJson(pixelsJson(new float[783])), 400, "has 783 numbers; the model takes 784");
        assertRefused(postJson(pixelsJson(new float[785])), 400, "more than 784 numbers");
        assertRefused(postJson(ok.replaceFirst("\\[", "[NaN, ")), 400, "not valid JSON");
        assertRefused(postJson(ok.replaceFirst("\\[", "[\"NaN\", ")), 400, "pixel 0 (row 0, column 0) is a string");
        assertRefused(postJson(ok.replaceFirst("\\[", "[null, ")), 400, "is null");
        assertRefused(postJson(ok.replaceFirst("\\[", "[1e999, ")), 400, "not valid JSON");
        float[] tooBright = new float[784];
        tooBright[29] = 255;
        assertRefused(postJson(pixelsJson(tooBright)), 400, "pixel 29 (row 1, column 1) is 255.0, outside 0..1");
        assertRefused(postJson(ok + " {}"), 400, "more after the JSON object");
        assertRefused(Http.post(base, "/api/predict", "application/json", new byte[] {'{', (byte) 0xC3, '}'}), 400, "not UTF-8");
        assertRefused(Http.post(base, "/api/predict", "image/png", "this is not a picture".getBytes()), 400, "not an image");
        assertRefused(Http.post(base, "/api/predict", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}),
                400, "the uploaded image");
        assertRefused(Http.post(base, "/api/predict", "image/png", ServedModel.encode(new BufferedImage(50, 50,
                BufferedImage.TYPE_BYTE_GRAY), "png")), 400, "has no digit in it (it is blank)");
        byte[] png = ServedModel.encode(ServedModel.picture(0, 2, 4, false), "png");
        assertRefused(Http.post(base, "/api/predict?invert=maybe", "image/png", png), 400, "invert takes auto, yes");
        assertRefused(Http.post(base, "/api/predict?size=28", "image/png", png), 400, "unknown query parameter 'size'");
        assertRefused(Http.post(base, "/api/predict?invert=no", "application/json", ok.getBytes()), 400, "JSON takes only member=1");
        assertThat(Http.post(base, "/api/predict?member=1", "application/json", ok.getBytes()).statusCode()).isEqualTo(200);
        assertRefused(Http.post(base, "/api/predict?member=2", "application/json", ok.getBytes()), 400,
                "member takes only 1 (one model is served), got '2'");
    }

    /** /learn of a model with batch normalisation: 501 and the walk's one line, not a walk whose equations skip a layer. */
    @Test
    void theStepOfAModelWithBatchNormalisationIsRefusedNotMisexplained() {
        org.scratchnet.nn.Architecture architecture = new org.scratchnet.nn.Architecture(new int[] {784, 16, 10},
                new org.scratchnet.nn.Activation[] {org.scratchnet.nn.Activation.RELU}, new float[] {0f}, 0f, 0.3f, true);
        Network net = Network.create(architecture, org.scratchnet.nn.Initializer.KAIMING, 5, org.scratchnet.nn.Engine.reference());
        WebServer bn = WebServer.start("127.0.0.1", 0, 2, new WebServer.Model("bn.safetensors", net, java.util.Map.of(),
                ServedModel.test(), "MNIST's test set (10,000 images)"));
        try {
            assertRefused(Http.get(bn.url(), "/api/learn"), 501, "784-16-10 also has Gaussian noise and batch normalisation,"
                    + " whose equations the walk does not show");
            assertThat(Http.post(bn.url(), "/api/predict", "application/json", pixelsJson(ServedModel.pixels(0)).getBytes())
                    .statusCode()).as("the rest of the server works").isEqualTo(200);
        } finally {
            bn.close();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() {
        byte[] big = new byte[PredictEndpoint.MAX_BODY_BYTES + 1];
        assertRefused(Http.post(base, "/api/predict", "image/png", big), 413, "the limit is 4,194,304 bytes");
        // Chunked: no length is declared, so the limit is met while reading.
        HttpRequest chunked = HttpRequest.newBuilder(base.resolve("/api/predict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertRefused(Http.send(chunked), 413, "the limit is 4,194,304 bytes");
        assertThat(Http.get(base, "/health").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void unknownPathsAndWrongMethodsAreRefusedAndNothingOutsideTheAssetsIsServed() {
        assertRefused(Http.get(base, "/nope"), 404, "nothing at /nope");
        assertRefused(Http.get(base, "/assets/"), 404, "nothing at");
        assertRefused(Http.get(base, "/index.html"), 404, "nothing at");
        HttpResponse<byte[]> get = Http.get(base, "/api/predict");
        assertRefused(get, 405, "GET is not answered at /api/predict; use POST");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<byte[]> post = Http.post(base, "/health", "application/json", "{}".getBytes());
        assertRefused(post, 405, "use GET, HEAD");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        for (String path : List.of("/assets/../../pom.xml", "/assets/%2e%2e/%2e%2e/pom.xml", "/../../../../etc/passwd",
                "/assets/..%2fdraw.js", "/api/figures/../../pom.xml", "//etc/passwd", "/org/scratchnet/serve/web/index.html")) {
            String answer = Http.raw(base, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1");
            assertThat(answer).as(path).startsWith("HTTP/1.1 404").contains("{\"error\":").doesNotContain("<project", "root:");
        }
    }

    @Test
    void onLoopbackOnlyRequestsForLocalhostAreAnswered() {
        assertThat(Http.raw(base, "GET /health HTTP/1.1\r\nHost: localhost:" + base.getPort())).startsWith("HTTP/1.1 200");
        assertThat(Http.raw(base, "GET /health HTTP/1.1\r\nHost: [::1]:" + base.getPort())).startsWith("HTTP/1.1 200");
        String rebound = Http.raw(base, "GET /api/model HTTP/1.1\r\nHost: attacker.example:" + base.getPort());
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("answers requests for localhost only");
    }

    @Test
    void concurrentClientsEachGetTheAnswerForTheirOwnInput() throws Exception {
        // 16 clients at once on 4 workers: a Network shared without the lock mixes up workspaces.
        int clients = 16, each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit((Callable<Integer>) () -> {
                    int ok = 0;
                    for (int r = 0; r < each; r++) {
                        int i = 100 + (client * each + r) % 200;
                        float[] x = ServedModel.pixels(i);
                        float[] expected;
                        synchronized (ServeApiTest.class) {
                            expected = oracle.predictProbabilities(x, 1);
                        }
                        HttpResponse<byte[]> answer = postPixels(x);
                        if (answer.statusCode() == 200
                                && Http.json(answer).getAsJsonArray("probabilities").get(3).getAsFloat() == expected[3]) ok++;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) assertThat(f.get()).isEqualTo(each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutAHistoryTheHistoryPageAndItsApiAreA404AndTheCardLinksNone() {
        assertRefused(Http.get(base, "/api/history"), 404, "give one with serve --history FILE");
        assertRefused(Http.get(base, "/history"), 404, "no training history");
        assertThat(Http.json(Http.get(base, "/api/model")).get("history").isJsonNull()).isTrue();
    }

    private static HttpResponse<byte[]> postPixels(float[] x) {
        return postJson(pixelsJson(x));
    }

    private static HttpResponse<byte[]> postJson(String body) {
        return Http.post(base, "/api/predict", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String pixelsJson(float[] x) {
        StringBuilder s = new StringBuilder("{\"pixels\": [");
        for (int k = 0; k < x.length; k++) s.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", x[k]));
        return s.append("]}").toString();
    }

    /** A refusal: this status, a JSON object with one key "error" holding one line that says {@code what}, no trace. */
    static void assertRefused(HttpResponse<byte[]> r, int status, String what) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonObject json = Http.json(r);
        assertThat(json.keySet()).containsExactly("error");
        String error = json.get("error").getAsString();
        assertThat(error).contains(what).doesNotContain("\n", "Exception", "\tat ", "com.google", "java.");
    }
}
