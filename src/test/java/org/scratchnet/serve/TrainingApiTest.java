package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.serve.ServeApiTest.assertRefused;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scratchnet.dashboard.DashboardListener;
import org.scratchnet.dashboard.TrainingEvents;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.History;
import org.scratchnet.train.RateChange;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;
import org.scratchnet.train.TrainingControl;

/**
 * train --dashboard's HTTP API over real HTTP: the controls (pause, resume, a new rate) reach the
 * {@link TrainingControl}, and a rate sent while a real run is paused is the rate of its next
 * update and in its history; every hostile control request (not JSON, NaN, infinities, negative,
 * absurd, a string, unknown keys, an empty object, the wrong type or method, too large) is refused
 * with its 4xx and one line; the event stream starts with the history and carries each event as
 * one line of strict JSON with its step and loss; the pages beyond the cap get a 503; serve's own
 * pages are not served here.
 */
class TrainingApiTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static TrainingEvents events;
    private static TrainingControl control;
    private static TrainingDashboard dashboard;
    private static URI base;

    @BeforeAll
    static void start() {
        events = new TrainingEvents();
        control = new TrainingControl();
        dashboard = TrainingDashboard.start(WebServer.bind("127.0.0.1", 0), events, control);
        base = dashboard.url();
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) dashboard.close();
    }

    private static HttpResponse<byte[]> control(String json) {
        return Http.post(base, "/api/training/control", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pauseAndResumeReachTheControl() {
        HttpResponse<byte[]> r = control("{\"paused\": true}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).get("paused").getAsBoolean()).isTrue();
        assertThat(control.paused()).isTrue();
        assertThat(Http.json(Http.get(base, "/health")).get("training").getAsString()).isEqualTo("paused");
        r = control("{\"paused\": false}");
        assertThat(Http.json(r).get("paused").getAsBoolean()).isFalse();
        assertThat(control.paused()).isFalse();
    }

    @Test
    void hostileControlRequestsAreRefusedInOneLine() {
        String[][] cases = {
            {"{\"learning_rate\": NaN}", "not valid strict JSON"},
            {"{\"learning_rate\": Infinity}", "not valid strict JSON"},
            {"{\"learning_rate\": 1e400}", "not valid strict JSON"},
            {"{\"learning_rate\": -0.01}", "a learning rate must be a number from 1.0E-8 to 10.0, got -0.01"},
            {"{\"learning_rate\": 0}", "got 0.0"},
            {"{\"learning_rate\": 1e9}", "got 1.0E9"},
            {"{\"learning_rate\": \"0.01\"}", "\"learning_rate\" must be a number"},
            {"{\"learning_rate\": \"NaN\"}", "\"learning_rate\" must be a number"},
            {"{\"learning_rate\": null}", "\"learning_rate\" must be a number"},
            {"{\"learning_rate\": 0.1, \"learning_rate\": 0.2}", "given twice"},
            {"{\"paused\": \"yes\"}", "\"paused\" must be true or false"},
            {"{\"speed\": 2}", "unknown key \"speed\""},
            {"{}", "asks for nothing"},
            {"[0.1]", "not a JSON object"},
            {"{\"paused\": true} {}", "more after the JSON object"},
            {"{\"paused\": tru", "not valid strict JSON"},
            {"", "the body is empty"},
        };
        for (String[] c : cases) assertRefused(control(c[0]), 400, c[1]);
        assertThat(control.paused()).as("nothing refused was applied").isFalse();
        assertRefused(Http.post(base, "/api/training/control", "text/plain", "{\"paused\": true}".getBytes(StandardCharsets.UTF_8)),
                415, "application/json");
        assertRefused(Http.post(base, "/api/training/control", "application/json", new byte[TrainingSite.MAX_CONTROL_BYTES + 1]),
                413, "limit");
        HttpResponse<byte[]> get = Http.get(base, "/api/training/control");
        assertRefused(get, 405, "use POST");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertRefused(Http.post(base, "/api/training/events", "application/json", new byte[0]), 405, "use GET");
        assertRefused(Http.get(base, "/model"), 404, "the dashboard is /");
        assertRefused(Http.get(base, "/api/predict"), 404, "the dashboard is /");
        assertThat(Http.get(base, "/assets/training.js").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> page = Http.get(base, "/");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<script src=\"/assets/training.js\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void theStreamStartsWithTheHistoryThenSendsEachEventAsOneLineOfStrictJson() throws Exception {
        TrainingEvents own = new TrainingEvents();
        try (TrainingDashboard d = TrainingDashboard.start(WebServer.bind("127.0.0.1", 0), own, new TrainingControl())) {
            own.publish(event("started", 0, null));
            own.publish(event("progress", 5, 2.25));
            HttpResponse<Stream<String>> r = CLIENT.send(HttpRequest.newBuilder(d.url().resolve("/api/training/events"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            Iterator<String> lines = r.body().iterator();
            JsonObject history = nextData(lines);
            assertThat(history.get("type").getAsString()).isEqualTo("history");
            assertThat(history.get("step").getAsInt()).isEqualTo(5);
            assertThat(history.getAsJsonObject("points").getAsJsonArray("loss").get(0).getAsDouble()).isEqualTo(2.25);

            Map<String, Object> withNaN = event("progress", 6, 2.0);
            withNaN.put("samples_per_second", Double.NaN);
            own.publish(withNaN);
            own.publish(event("finished", 6, 2.0));
            List<JsonObject> got = new ArrayList<>();
            got.add(nextData(lines));
            got.add(nextData(lines));
            assertThat(got).extracting(e -> e.get("type").getAsString()).containsExactly("progress", "finished");
            for (JsonObject e : got) assertThat(e.get("step").getAsInt()).isEqualTo(6);
            assertThat(got.get(0).get("samples_per_second").isJsonNull()).isTrue();
            // The run is over: the stream ends once everything was sent.
            CompletableFuture<Boolean> ends = CompletableFuture.supplyAsync(() -> {
                while (lines.hasNext()) lines.next();
                return true;
            });
            assertThat(ends.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void pagesBeyondTheCapGetA503AndTheHistoryStaysReadable() {
        List<TrainingEvents.Subscription> pages = new ArrayList<>();
        try {
            for (TrainingEvents.Subscription s; (s = events.subscribe()) != null; ) pages.add(s);
            assertRefused(Http.get(base, "/api/training/events"), 503, "pages follow this run already");
            HttpResponse<byte[]> h = Http.get(base, "/api/training/history");
            assertThat(h.statusCode()).isEqualTo(200);
            assertThat(Http.json(h).get("type").getAsString()).isEqualTo("history");
        } finally {
            pages.forEach(TrainingEvents.Subscription::close);
        }
    }

    @Test
    void aRateSentOverHttpWhileARealRunIsPausedIsItsNextUpdatesRate() throws Exception {
        Dataset train = org.scratchnet.train.Mnist.get()[0].head(500);
        Network net = Network.builder(784).dense(16, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(2).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.sgd(0.1f)).schedule(ScheduleSpec.constant())
                .batchSize(50).epochs(2).seed(2).build();
        TrainingEvents own = new TrainingEvents();
        TrainingControl runControl = new TrainingControl();
        runControl.pause();  // held before its first update
        try (TrainingDashboard d = TrainingDashboard.start(WebServer.bind("127.0.0.1", 0), own, runControl)) {
            Trainer trainer = new Trainer(config).control(runControl)
                    .listener(new DashboardListener(net, train, null, new DashboardListener.Run("test", 10, 500, 0), own));
            CompletableFuture<History> run = CompletableFuture.supplyAsync(() -> trainer.fit(net, train, null));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!own.historyJson().contains("\"type\":\"paused\"") && System.nanoTime() < end) Thread.sleep(10);
            HttpResponse<byte[]> r = Http.post(d.url(), "/api/training/control", "application/json",
                    "{\"learning_rate\": 0.0125, \"paused\": false}".getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            History h = run.get(60, TimeUnit.SECONDS);
            assertThat(h.rateChanges()).containsExactly(new RateChange(1, 0.0125f, 0.1f));
            assertThat(h.rows()).allSatisfy(row -> assertThat((float) row.learningRate()).isEqualTo(0.0125f));
            JsonObject history = JsonParser.parseString(own.historyJson()).getAsJsonObject();
            assertThat(history.getAsJsonArray("rate_changes").get(0).getAsJsonObject().get("learning_rate").getAsFloat()).isEqualTo(0.0125f);
        }
    }

    private static Map<String, Object> event(String type, int step, Double loss) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("step", step);
        e.put("loss", loss);
        return e;
    }

    /** The next "data:" line of an event stream, as JSON (comments, retry and blank lines skipped). */
    private static JsonObject nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ")) return JsonParser.parseString(line.substring(6)).getAsJsonObject();
        }
        throw new AssertionError("the stream ended");
    }
}
