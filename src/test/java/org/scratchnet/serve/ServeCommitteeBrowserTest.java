package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scratchnet.eval.Committee;
import org.scratchnet.image.MnistImage;
import org.scratchnet.image.Polarity;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Network;

/**
 * The pages of {@code scratchnet serve} with a committee of three models, in headless chromium: the
 * draw page shows the committee's answer and each member's own, and names the member whose hidden
 * layers it draws, any member chosen; the model card lists the members, each measured alone, and how they agree.
 * Skipped only where chromium or chromedriver is not installed ({@code .ci/run} installs both).
 * With {@code -Dscratchnet.screenshots=DIR} it saves the README's screenshots of the committee's pages.
 */
class ServeCommitteeBrowserTest {
    private static WebServer server;
    private static URI base;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
        server = ServedModel.startCommittee(2);
        base = server.url();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
    }

    @Test
    void anUploadedDigitGetsTheCommitteesAnswerAndEachMembersOwn(@TempDir Path dir) throws IOException {
        browser.get(base.toString());
        // Before any answer, the page already says a committee answers, and whose hidden layers it draws.
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20)).until(d -> text("answerer").equals("The committee"));
        assertThat(browser.findElement(By.id("committee")).isDisplayed()).isTrue();
        assertThat(text("committee-size")).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#members li"))).isEmpty();
        assertThat(text("hidden-title")).isEqualTo("Hidden layers of member 1, member1.safetensors");
        int i = 66;  // a 6 the three members do not read alike (6, 7 and 2 when written; the committee: 6)
        byte[] png = ServedModel.encode(ServedModel.picture(i, 5, 30, true), "png");
        Path file = Files.write(dir.resolve("digit.png"), png);
        int answers = answers();
        browser.findElement(By.id("upload")).sendKeys(file.toString());
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20))
                .until(d -> answers() > answers && "no".equals(body("data-busy")));

        // The oracle: the same picture through the same preprocessing, then the three networks loaded separately.
        float[] x = MnistImage.decode(png, "digit.png", Polarity.AUTO, Long.MAX_VALUE);
        List<Network> nets = ServedModel.committeeFiles().stream().map(f -> ModelFile.load(f).network()).toList();
        float[] mean = Committee.of(nets).predictProbabilities(x, 1);
        int said = argmax(mean);
        assertThat(text("prediction")).isEqualTo(Integer.toString(said));
        assertThat(text("answerer")).isEqualTo("The committee");
        assertThat(browser.findElement(By.id("committee")).isDisplayed()).isTrue();
        List<WebElement> listed = browser.findElements(By.cssSelector("#members li"));
        assertThat(listed).hasSize(3);
        int agreeing = 0;
        for (int k = 0; k < 3; k++) {
            int own = argmax(nets.get(k).predictProbabilities(x, 1));
            if (own == said) agreeing++;
            assertThat(listed.get(k).getText()).startsWith("member" + (k + 1) + ".safetensors: " + own + " (");
        }
        assertThat(text("status")).contains(agreeing + " of its 3 members say so alone");
        assertThat(text("hidden-title")).isEqualTo("Hidden layers of member 1, member1.safetensors");
        assertThat(browser.findElements(By.cssSelector("#hidden canvas"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#hidden canvas")).getAttribute("data-units")).isEqualTo("64");

        // Choosing member 2 (784-32-10) asks again and draws its one hidden layer of 32 units; the answer stays the committee's.
        int before = answers();
        listed.get(1).findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20))
                .until(d -> answers() > before && "no".equals(body("data-busy")));
        assertThat(text("hidden-title")).isEqualTo("Hidden layers of member 2, member2.safetensors");
        assertThat(browser.findElement(By.cssSelector("#hidden canvas")).getAttribute("data-units")).isEqualTo("32");
        assertThat(browser.findElements(By.cssSelector("#members button[aria-pressed=true]"))).singleElement()
                .extracting(WebElement::getText).asString().startsWith("member2.safetensors: ");
        assertThat(text("prediction")).isEqualTo(Integer.toString(said));
        if (HeadlessChromium.screenshots() != null) HeadlessChromium.screenshot(browser, "serve-committee-draw.png", 1280, 800);

        // The page's link to one training step now explains that member's.
        WebElement learn = browser.findElement(By.cssSelector("nav a[href^='/learn']"));
        assertThat(learn.getAttribute("href")).endsWith("/learn?member=2");
        learn.click();
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50)).until(d -> body("data-loaded") != null && !"no".equals(body("data-loaded")));
        assertThat(body("data-loaded")).as("status: %s", text("status")).isEqualTo("yes");
        assertThat(text("title")).startsWith("One training step of 784-32-10 (tanh, softmax)");
    }

    @Test
    void theModelCardListsTheMembersAndHowTheyAgree() throws IOException {
        browser.get(base.resolve("/model").toString());
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20)).until(d -> !"no".equals(body("data-loaded")));
        assertThat(body("data-loaded")).isEqualTo("yes");
        assertThat(text("name")).isEqualTo("committee of 3 models");
        assertThat(text("summary")).startsWith("A committee of 3 models").contains("the arithmetic mean of the members' softmax probabilities");
        List<WebElement> rows = browser.findElements(By.cssSelector("#members tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).getText()).startsWith("member2.safetensors 784-32-10 (tanh,softmax)");
        String metrics = browser.findElement(By.id("metrics")).getText();
        assertThat(metrics).contains("examples every member gets right", "examples the members split on",
                "examples every member gets wrong", "share of a member's errors another makes too");
        assertThat(browser.findElements(By.cssSelector("#per-class tbody tr"))).hasSize(10);
        if (HeadlessChromium.screenshots() != null) HeadlessChromium.screenshot(browser, "serve-committee-card.png", 1280, 1000);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
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
}
