package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scratchnet.dashboard.DashboardListener;
import org.scratchnet.dashboard.TrainingEvents;
import org.scratchnet.data.Dataset;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.History;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;
import org.scratchnet.train.TrainingControl;
import org.scratchnet.train.TrainingListener;

/**
 * The live training dashboard in a real browser (headless chromium, as {@link ServeBrowserTest}),
 * following a real run on a slice of MNIST (3,000 training and 500 validation images, 784-64-10,
 * batches of 32: 94 updates an epoch, slowed by a few milliseconds an update so that a person, and
 * this test, can watch it): its curves gain points as the run goes, the Pause button holds the
 * run still (its update count stops), a learning rate typed into the page is the rate of the
 * run's next update after Resume and in its history, and the weights, layer statistics and
 * confusion matrix are drawn. Then serve's history page draws that run's history CSV, reached from
 * the model card, with the rate change marked. With {@code -Dscratchnet.screenshots=DIR} it saves the README's screenshot.
 */
class DashboardBrowserTest {
    private static final long MILLIS_PER_UPDATE = 6;

    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    @Test
    void theDashboardFollowsARealRunPausesItAndChangesItsRateThenServeDrawsItsHistory(@TempDir Path dir) throws Exception {
        Dataset all = ServedModel.mnist()[0];
        Dataset train = all.head(3_000);
        Dataset validation = all.subset(IntStream.range(all.size - 500, all.size).toArray(), "the last 500 training images");
        Network net = Network.builder(784).dense(64, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(8).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.002f)).schedule(ScheduleSpec.parse("cosine"))
                .batchSize(32).epochs(20).seed(8).build();
        TrainingEvents events = new TrainingEvents();
        TrainingControl control = new TrainingControl();
        AtomicInteger updates = new AtomicInteger();
        TrainingListener slow = new TrainingListener() {
            @Override public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                updates.incrementAndGet();
                try {
                    Thread.sleep(MILLIS_PER_UPDATE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        DashboardListener listener = new DashboardListener(net, train, validation,
                new DashboardListener.Run("784-64-10 on 3,000 MNIST images", 94, train.size, 0), events);
        Trainer trainer = new Trainer(config).control(control).listener(TrainingListener.both(listener, slow));
        History history;
        try (TrainingDashboard dashboard = TrainingDashboard.start(WebServer.bind("127.0.0.1", 0), events, control)) {
            CompletableFuture<History> run = CompletableFuture.supplyAsync(() -> trainer.fit(net, train, validation));
            try {
                browser.get(dashboard.url().toString());
                waitFor(() -> "yes".equals(body("data-loaded")), "the page loads");
                assertThat(text("title")).isEqualTo("Training 784-64-10 on 3,000 MNIST images");

                // The curves gain points as the run goes.
                int before = points("loss-chart");
                waitFor(() -> points("loss-chart") >= before + 3, "the loss curve gains points");
                assertThat(points("accuracy-chart")).isGreaterThan(0);
                assertThat(points("rate-chart")).isGreaterThan(0);

                // Pause: the run holds still, and the page says so.
                browser.findElement(By.id("pause")).click();
                waitFor(() -> "paused".equals(body("data-state")), "the run pauses");
                assertThat(control.paused()).isTrue();
                int held = updates.get();
                String shownStep = body("data-step");
                Thread.sleep(500);
                assertThat(updates.get()).as("no update while paused").isEqualTo(held);
                assertThat(body("data-step")).isEqualTo(shownStep);
                assertThat(text("pause")).isEqualTo("Resume");

                // A rate typed while paused is the rate of the next update.
                browser.findElement(By.id("new-rate")).sendKeys("0.00042");
                browser.findElement(By.id("set-rate")).click();
                waitFor(() -> text("status").contains("0.00042"), "the rate is accepted");
                // A rate out of range is refused by the server, in the page.
                browser.findElement(By.id("new-rate")).clear();
                browser.findElement(By.id("new-rate")).sendKeys("-1");
                browser.findElement(By.id("set-rate")).click();
                waitFor(() -> text("status").contains("must be a number from"), "a negative rate is refused");
                browser.findElement(By.id("pause")).click();
                waitFor(() -> "running".equals(body("data-state")), "the run goes on");
                waitFor(() -> browser.findElements(By.cssSelector("#changes li")).size() == 1, "the change is listed");
                assertThat(text("changes")).startsWith("From update " + (held + 1) + ": 0.00042");

                // After two epochs: the weights, the statistics of both layers and the confusion matrix.
                waitFor(() -> text("confusion-note").startsWith("After epoch 2"), "the confusion matrix of epoch 2");
                assertThat(browser.findElements(By.cssSelector("#stats tbody tr"))).hasSize(2);
                assertThat(browser.findElements(By.cssSelector("#confusion tr"))).hasSize(11);
                Map<?, ?> w = (Map<?, ?>) js("const c = document.getElementById('weights'); return {w: c.width, h: c.height};");
                assertThat(((Number) w.get("w")).intValue()).isEqualTo(16 * 29 - 1);
                assertThat(((Number) w.get("h")).intValue()).isEqualTo(4 * 29 - 1);
                if (screenshots() != null) {
                    browser.findElement(By.id("new-rate")).clear();
                    browser.findElement(By.id("new-rate")).sendKeys("0.00042");
                    screenshot("train-dashboard.png", 1280, 1180);
                }
            } finally {
                trainer.requestStop();
                history = run.get(60, TimeUnit.SECONDS);
            }
            assertThat(history.rateChanges()).hasSize(1);
            assertThat(history.rateChanges().get(0).rate()).isEqualTo(0.00042f);
            int changedAt = history.rateChanges().get(0).step();
            assertThat(changedAt).isGreaterThan(1);
            listener.end("stopped by the test", Map.of());
            waitFor(() -> "finished".equals(body("data-state")), "the page shows the end");
            assertThat(browser.findElement(By.id("pause")).isEnabled()).isFalse();
        }

        // serve draws the run's history CSV, from a link on the model card.
        Path model = dir.resolve("run.safetensors");
        ModelFile.save(model, net, Map.of("data", "MNIST", "learning_rate_changes", history.rateChanges().get(0).describe()));
        Path csv = dir.resolve("run.history.csv");
        Files.writeString(csv, history.toCsv());
        ModelFile.Loaded loaded = ModelFile.load(model);
        try (WebServer server = WebServer.start("127.0.0.1", 0, 2, new WebServer.Model("run.safetensors", loaded.network(),
                loaded.metadata(), validation, "500 validation images", WebServer.History.read(csv)))) {
            browser.get(server.url().resolve("/model").toString());
            waitFor(() -> !"no".equals(body("data-loaded")), "the model card loads");
            browser.findElement(By.id("history-link")).click();
            waitFor(() -> "yes".equals(body("data-loaded")), "the history page loads");
            assertThat(text("title")).isEqualTo("Training history of run.safetensors");
            assertThat(points("loss-chart")).as("train and validation loss of every row").isEqualTo(2 * history.rows().size());
            assertThat(points("rate-chart")).isEqualTo(history.rows().size());
            assertThat(browser.findElement(By.id("rate-chart")).getAttribute("data-marks")).as("the rate change marked").isEqualTo("1");
            assertThat(text("changes")).startsWith("Changed while it trained: update " + history.rateChanges().get(0).step() + ": 4.2E-4");
        }
    }

    private static int points(String canvas) {
        String v = browser.findElement(By.id(canvas)).getAttribute("data-points");
        return v == null ? 0 : Integer.parseInt(v);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(20)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String text(String id) {
        return HeadlessChromium.text(browser, id);
    }

    private static String body(String attribute) {
        return HeadlessChromium.body(browser, attribute);
    }

    private static Path screenshots() {
        return HeadlessChromium.screenshots();
    }

    private static void screenshot(String name, int width, int height) throws IOException {
        HeadlessChromium.screenshot(browser, name, width, height);
    }
}
