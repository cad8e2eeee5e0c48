package org.scratchnet.serve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real browser of the browser tests: Debian's chromium, headless, driven through its
 * chromedriver (the test is skipped when either is missing), a 1280x900 window, and the
 * README's screenshots saved when {@code -Dscratchnet.screenshots=DIR} is given.
 */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Dimension WINDOW = new Dimension(1280, 900);

    private HeadlessChromium() {}

    /** A new headless browser, or the calling test skipped (an assumption) without chromium. */
    static ChromeDriver start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root (CI) chromium needs --no-sandbox; /dev/shm may be small in containers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + WINDOW.width + "," + WINDOW.height, "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** The text of the element with this id. */
    static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** An attribute of the page's body (the pages publish their state there for tests). */
    static String body(ChromeDriver browser, String attribute) {
        return browser.findElement(By.tagName("body")).getAttribute(attribute);
    }

    /** Where screenshots go (-Dscratchnet.screenshots=DIR), or null for none. */
    static Path screenshots() {
        String dir = System.getProperty("scratchnet.screenshots");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Saves the page at this window size as {@code name} in the screenshots folder, if one is given. */
    static void screenshot(ChromeDriver browser, String name, int width, int height) throws IOException {
        Path dir = screenshots();
        if (dir == null) return;
        browser.manage().window().setSize(new Dimension(width, height));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(WINDOW);
    }
}
