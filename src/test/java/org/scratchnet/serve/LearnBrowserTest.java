package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scratchnet.explain.Explanation;
import org.scratchnet.explain.FirstBatch;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;

/**
 * The "one training step" page in a real browser (headless chromium, as {@link ServeBrowserTest}):
 * served at /learn for the served model, it steps forward and back with its buttons and with the
 * arrow, Home and End keys, shows every equation (1)-(14) with its formula, draws each matrix as a
 * heatmap of its shape, and ends with the gradient check, passed; the same page written by
 * {@code explain --html} as one file opens from the disk, with no server, and steps the same way.
 * With {@code -Dscratchnet.screenshots=DIR} it saves the README's screenshot of the page.
 */
class LearnBrowserTest {

    private static WebServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
        server = ServedModel.start(2);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    @Test
    void theServersPageStepsThroughTheServedModelsStepAndShowsEveryEquation() throws IOException {
        browser.get(server.url().resolve("/learn").toString());
        waitUntilLoaded();
        assertThat(text("title")).startsWith("One training step of " + ServedModel.ARCHITECTURE + " (relu, softmax) on 8 of");
        stepsForwardAndBackAndShowsEveryEquation();

        if (screenshots() != null) {
            click("first");  // Home
            for (int i = 0; i < 16 && !text("formula").startsWith("dW[1]"); i++) browser.findElement(By.id("next")).click();
            assertThat(text("formula")).startsWith("dW[1]");
            screenshot("explain-learn-page.png", 1280, 1000);
        }
    }

    @Test
    void theHtmlFileOfExplainOpensFromTheDiskAndStepsTheSameWay(@TempDir Path dir) throws IOException {
        Architecture a = new Architecture(new int[] {784, 12, 10}, new Activation[] {Activation.TANH}, new float[] {0f});
        Explanation e = Explanation.of(() -> Network.create(a, Initializer.XAVIER, 5, Engine.reference()),
                FirstBatch.of(ServedModel.mnist()[0], 4, 5), 0.1f, new Explanation.Origin("init xavier, seed 5", Initializer.XAVIER,
                        "MNIST's 60,000 training images", 5));
        Path file = dir.resolve("step.html");
        Files.writeString(file, LearnPage.html(e));
        browser.get(file.toUri().toString());
        waitUntilLoaded();
        assertThat(text("title")).startsWith("One training step of 784-12-10 (tanh, softmax) on 4 of MNIST's");
        assertThat(browser.findElement(By.id("site-nav")).isDisplayed()).as("no links to a server").isFalse();
        stepsForwardAndBackAndShowsEveryEquation();
    }

    /** From the first frame: Next, the arrow keys, End and Home, and every frame's equation, formula and heatmap. */
    private static void stepsForwardAndBackAndShowsEveryEquation() {
        assertThat(text("formula")).isEqualTo("A[0] = X");
        assertThat(browser.findElement(By.id("prev")).isEnabled()).isFalse();
        int frames = browser.findElements(By.cssSelector("#outline li")).size();
        assertThat(text("position")).isEqualTo("1 of " + frames);

        List<String> seen = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            Map<String, Object> f = frame();
            assertThat(f.get("frame")).isEqualTo(Integer.toString(k));
            String formula = (String) f.get("formula");
            seen.add((f.get("number") + " " + formula).strip());
            assertThat(formula).isNotBlank();
            assertThat((String) f.get("meaning")).isNotBlank();
            if (Boolean.TRUE.equals(f.get("drawn"))) {
                int rows = Integer.parseInt((String) f.get("rows"));
                int cols = Integer.parseInt((String) f.get("cols"));
                assertThat(f.get("shape")).as(formula).isEqualTo("[" + (rows == 1 ? cols : rows + " x " + cols) + "]");
                assertThat(((Number) f.get("width")).intValue() % cols).as(formula).isZero();
                assertThat(((Number) f.get("height")).intValue() % rows).as(formula).isZero();
            }
            if (k + 1 < frames) {
                if (k % 2 == 0) browser.findElement(By.id("next")).click();
                else new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
            }
        }
        assertThat(browser.findElement(By.id("next")).isEnabled()).isFalse();
        assertThat(text("section")).isEqualTo("Check");
        assertThat(text("values")).contains("the gradients above are right");
        for (int k = 1; k <= 14; k++) {
            String number = "(" + k + ")";
            assertThat(seen).as("equation %s among %s", number, seen).anyMatch(s -> s.startsWith(number));
        }
        assertThat(seen).contains("(6) dZ[2] = A[2] - Y");

        new Actions(browser).sendKeys(Keys.ARROW_LEFT).perform();
        assertThat(body("data-frame")).isEqualTo(Integer.toString(frames - 2));
        browser.findElement(By.id("prev")).click();
        assertThat(body("data-frame")).isEqualTo(Integer.toString(frames - 3));
        new Actions(browser).sendKeys(Keys.HOME).perform();
        assertThat(text("formula")).isEqualTo("A[0] = X");
        new Actions(browser).sendKeys(Keys.END).perform();
        assertThat(text("section")).isEqualTo("Check");
        browser.findElement(By.cssSelector("#outline li:nth-child(2) a")).click();
        assertThat(body("data-frame")).isEqualTo("1");
    }

    /** The frame on show, read in one call: its index, equation, formula, meaning and heatmap. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> frame() {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("const $ = id => document.getElementById(id);"
                + " const c = $('heatmap');"
                + " return {frame: document.body.dataset.frame, number: $('number').textContent, formula: $('formula').textContent,"
                + " meaning: $('meaning').textContent, drawn: !$('figure').hidden, shape: $('shape').textContent,"
                + " rows: c.dataset.rows, cols: c.dataset.cols, width: c.width, height: c.height};");
    }

    private static void click(String what) {
        if (what.equals("first")) new Actions(browser).sendKeys(Keys.HOME).perform();
    }

    private static void waitUntilLoaded() {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50)).until(d -> !"no".equals(body("data-loaded")));
        assertThat(body("data-loaded")).as("status: %s", text("status")).isEqualTo("yes");
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
