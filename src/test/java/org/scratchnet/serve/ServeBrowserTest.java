package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scratchnet.image.MnistImage;
import org.scratchnet.image.Polarity;

/**
 * The pages of {@code scratchnet serve} in a real browser: Debian's chromium, headless, driven
 * through chromedriver. Real MNIST test digits are drawn onto the canvas stroke by stroke with
 * pointer events (mouse, pen and touch), and the page must show the right digit for most of them,
 * with its bars, the 28x28 input the server made of the drawing and the hidden layer; undo, clear
 * and upload work; the model card shows the architecture, the metrics and its figures.
 *
 * <p>Skipped only where chromium or chromedriver is not installed ({@code .ci/run} installs both).
 * With {@code -Dscratchnet.screenshots=DIR} it also saves the README's screenshots of both pages:
 * {@code mvn -B test -Dtest=ServeBrowserTest -Dscratchnet.screenshots=docs/images}.
 */
class ServeBrowserTest {
    /** The drawing fills this share of the canvas, as a person draws a digit across most of it. */
    private static final double FILL = 0.8;
    /** Rows of the digit between two strokes. */
    private static final int ROW_STEP = 2;

    private static WebServer server;
    private static URI base;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
        server = ServedModel.start(2);
        base = server.url();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    @Test
    void drawnTestDigitsAreRecognisedAndTheInputShownIsTheServersPreprocessingOfTheDrawing() throws IOException {
        browser.get(base.toString());
        List<PointerInput.Kind> kinds = List.of(PointerInput.Kind.MOUSE, PointerInput.Kind.PEN, PointerInput.Kind.TOUCH);
        int n = 6, right = 0;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            click("clear");
            assertThat(text("prediction")).isEqualTo("\u2013");
            draw(i, kinds.get(i % kinds.size()));
            int label = ServedModel.test().labels[i];
            String predicted = text("prediction");
            shown.add(label + "->" + predicted);
            if (predicted.equals(Integer.toString(label))) right++;

            // The bars: ten probabilities that sum to one, the highest marked and equal to the prediction.
            Map<String, Object> page = page();
            @SuppressWarnings("unchecked")
            List<String> p = (List<String>) page.get("bars");
            assertThat(p).hasSize(10);
            double sum = 0;
            int best = 0;
            for (int k = 0; k < 10; k++) {
                sum += Double.parseDouble(p.get(k));
                if (Double.parseDouble(p.get(k)) > Double.parseDouble(p.get(best))) best = k;
            }
            assertThat(sum).isEqualTo(1.0, within(1e-4));
            assertThat(Integer.toString(best)).isEqualTo(predicted).isEqualTo(page.get("top"));
            assertThat(page.get("hidden")).isEqualTo(List.of("64"));

            // The 28x28 shown is what MnistImage (the code of 'predict') makes of the canvas.
            float[] expected = MnistImage.fromImage(padImage((String) page.get("pad")), Polarity.LIGHT_ON_DARK);
            long[] seen = ((List<?>) page.get("input")).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
            for (int k = 0; k < 784; k++) {
                if (Math.abs(seen[k] - 255.0 * expected[k]) > 1.0) {
                    assertThat((double) seen[k]).as("pixel %d of digit %d", k, i).isEqualTo(255.0 * expected[k], within(1.0));
                }
            }
        }
        System.out.println("ServeBrowserTest: drawn test digits, label->shown: " + shown);
        assertThat(right).as("digits recognised, label->shown: %s", shown).isGreaterThanOrEqualTo(n - 1);
    }

    @Test
    void undoTakesBackTheLastStrokeAndClearEmptiesThePage() {
        browser.get(base.toString());
        draw(0, PointerInput.Kind.MOUSE);
        assertThat(text("answerer")).as("one model, not a committee").isEqualTo("The network");
        assertThat(browser.findElement(By.id("committee")).isDisplayed()).isFalse();
        String before = text("prediction");
        long[] input = inputPixels();
        int answers = answers();
        stroke(PointerInput.Kind.MOUSE, -0.45, 0.45, 0.45, -0.45);  // a slash across the digit
        waitForAnswerAfter(answers);
        assertThat(inputPixels()).as("the slash changes the input").isNotEqualTo(input);
        answers = answers();
        click("undo");
        waitForAnswerAfter(answers);
        assertThat(inputPixels()).isEqualTo(input);
        assertThat(text("prediction")).isEqualTo(before);
        click("clear");
        assertThat(text("prediction")).isEqualTo("\u2013");
        assertThat(browser.findElements(By.cssSelector("#hidden canvas"))).isEmpty();
        assertThat(text("status")).startsWith("Draw one digit");
    }

    @Test
    void onAPhoneSizedScreenThePageFitsAndAFingerDraws() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(base.toString());
            assertThat(((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .longValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
            assertThat(browser.findElement(By.id("pad")).getRect().getWidth()).isBetween(200, 390);
            draw(3, PointerInput.Kind.TOUCH);
            assertThat(text("prediction")).isEqualTo(Integer.toString(ServedModel.test().labels[3]));
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void anUploadedPictureIsPredictedAndAFileThatIsNotOneGetsTheServersMessage(@TempDir Path dir) throws IOException {
        browser.get(base.toString());
        int i = 20;  // a real test digit, photographed dark on light
        Path png = Files.write(dir.resolve("digit.png"), ServedModel.encode(ServedModel.picture(i, 5, 30, true), "png"));
        int answers = answers();
        browser.findElement(By.id("upload")).sendKeys(png.toString());
        waitForAnswerAfter(answers);
        assertThat(text("prediction")).isEqualTo(Integer.toString(ServedModel.test().labels[i]));
        assertThat(browser.findElement(By.id("uploaded")).isDisplayed()).isTrue();

        Path fake = Files.writeString(dir.resolve("notes.png"), "not a picture");
        answers = answers();
        browser.findElement(By.id("upload")).sendKeys(fake.toString());
        waitForAnswerAfter(answers);
        WebElement status = browser.findElement(By.id("status"));
        assertThat(status.getAttribute("class")).contains("error");
        assertThat(status.getText()).contains("is not an image");
    }

    @Test
    void theModelCardShowsTheArchitectureMetricsAndFigures() throws IOException {
        browser.get(base.resolve("/model").toString());
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20)).until(d -> !"no".equals(body("data-loaded")));
        assertThat(body("data-loaded")).isEqualTo("yes");
        assertThat(text("summary")).startsWith(ServedModel.ARCHITECTURE).contains("50,890 parameters");
        assertThat(browser.findElements(By.cssSelector("#layers tbody tr"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#per-class tbody tr"))).hasSize(10);
        assertThat(browser.findElement(By.cssSelector("#metrics tbody tr")).getText())
                .startsWith("accuracy on MNIST's test set (10,000 images)");
        for (String figure : List.of("confusion", "misclassified", "weights")) {
            WebElement img = browser.findElement(By.id(figure));
            new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20)).until(d -> Boolean.TRUE.equals(
                    js("return arguments[0].complete && arguments[0].naturalWidth > 0", img)));
            long width = ((Number) js("return arguments[0].naturalWidth", img)).longValue();
            assertThat(width).as(figure).isGreaterThan(200);
            if (figure.equals("confusion")) assertThat(width).isEqualTo(600);
        }
        if (screenshots() != null) {
            screenshot("serve-model-card.png", 1280, 1100);
            // And the draw page: a test digit drawn and recognised.
            browser.get(base.toString());
            draw(0, PointerInput.Kind.MOUSE);
            screenshot("serve-draw.png", 1280, 760);
        }
    }

    /**
     * Draws test digit {@code i}: one horizontal stroke per run of ink in every other row of it (the
     * pen, about three of the digit's pixels wide, covers the row between).
     */
    private static void draw(int i, PointerInput.Kind kind) {
        float[] x = ServedModel.pixels(i);
        int answers = answers();
        PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase());
        Sequence strokes = new Sequence(pointer, 0);
        WebElement pad = browser.findElement(By.id("pad"));
        double side = pad.getRect().getWidth();
        for (int row = 0; row < 28; row += ROW_STEP) {
            int col = 0;
            while (col < 28) {
                if (x[row * 28 + col] <= 0.5f) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < 28 && x[row * 28 + col] > 0.5f) col++;
                addStroke(strokes, pointer, pad, side, offset(start), offset(row), offset(col - 1), offset(row));
            }
        }
        browser.perform(List.of(strokes));
        waitForAnswerAfter(answers);
    }

    /** One straight stroke between two points given as shares of the canvas from its centre (-0.5 .. 0.5). */
    private static void stroke(PointerInput.Kind kind, double x0, double y0, double x1, double y1) {
        PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase());
        Sequence s = new Sequence(pointer, 0);
        WebElement pad = browser.findElement(By.id("pad"));
        addStroke(s, pointer, pad, pad.getRect().getWidth(), x0, y0, x1, y1);
        browser.perform(List.of(s));
    }

    private static void addStroke(Sequence s, PointerInput pointer, WebElement pad, double side,
                                  double x0, double y0, double x1, double y1) {
        PointerInput.Origin origin = PointerInput.Origin.fromElement(pad);
        s.addAction(pointer.createPointerMove(Duration.ZERO, origin, (int) Math.round(x0 * side), (int) Math.round(y0 * side)));
        s.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        s.addAction(pointer.createPointerMove(Duration.ZERO, origin, (int) Math.round(x1 * side), (int) Math.round(y1 * side)));
        s.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
    }

    /** Pixel {@code p} (0..27) of a digit as a share of the canvas from its centre. */
    private static double offset(int p) {
        return (p - 13.5) / 28 * FILL;
    }

    private static void waitForAnswerAfter(int answers) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20))
                .until(d -> answers() > answers && "no".equals(body("data-busy")));
    }

    private static int answers() {
        return Integer.parseInt(body("data-answers"));
    }

    private static String body(String attribute) {
        return HeadlessChromium.body(browser, attribute);
    }

    private static String text(String id) {
        return HeadlessChromium.text(browser, id);
    }

    private static void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The 28x28 input the page shows, as grey levels 0..255. */
    private static long[] inputPixels() {
        @SuppressWarnings("unchecked")
        List<Number> grey = (List<Number>) js("const d = document.getElementById('input').getContext('2d')"
                + ".getImageData(0, 0, 28, 28).data; return Array.from(d.filter((v, i) => i % 4 === 0));");
        return grey.stream().mapToLong(Number::longValue).toArray();
    }

    /**
     * The page's state in one call: the bars' probabilities, the marked digit, each hidden layer's
     * units, the 28x28 input shown (grey levels) and the canvas as the PNG data URL the page sends.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> page() {
        return (Map<String, Object>) js("const $ = id => document.getElementById(id);"
                + "const top = document.querySelector('#bars li.top');"
                + "return {bars: Array.from(document.querySelectorAll('#bars li'), li => li.dataset.p),"
                + " top: top ? top.dataset.digit : null,"
                + " hidden: Array.from(document.querySelectorAll('#hidden canvas'), c => c.dataset.units),"
                + " input: Array.from($('input').getContext('2d').getImageData(0, 0, 28, 28).data.filter((v, i) => i % 4 === 0)),"
                + " pad: $('pad').toDataURL('image/png')};");
    }

    /** A canvas's PNG data URL as an image. */
    private static BufferedImage padImage(String url) throws IOException {
        byte[] png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static Path screenshots() {
        return HeadlessChromium.screenshots();
    }

    private static void screenshot(String name, int width, int height) throws IOException {
        HeadlessChromium.screenshot(browser, name, width, height);
    }
}
