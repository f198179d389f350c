package dev.neurona.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Studio in a real headless Chromium (Debian's {@code chromium} driven by its {@code chromium-driver}), as a
 * person uses it: pages are opened by URL, filled in and clicked; what the tests wait for is what a person would see.
 * Screenshots go to {@code target/screenshots/<Test>-<name>.png}. {@link #close()} fails the test when the page
 * logged a console error: an uncaught exception, a {@code console.error}, or a request the server answered with a 5xx
 * (a 4xx the page shows as a refusal, such as a dry run's field error, is the page working, and Chromium logs it too).
 */
public final class Studio implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final Pattern REFUSAL_SHOWN =
            Pattern.compile(".*Failed to load resource: the server responded with a status of 4\\d\\d.*");

    private final ChromeDriver driver;
    private final String base;
    private final String test;
    private final List<String> consoleErrors = new ArrayList<>();

    private Studio(ChromeDriver driver, String base, String test) {
        this.driver = driver;
        this.base = base;
        this.test = test;
    }

    /** A browser at 1280 × 900 for the service on {@code port}; {@code test} names its screenshots. */
    public static Studio open(int port, String test) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("neurona.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-search-engine-choice-screen",
                "--user-data-dir=" + TestData.tempDir("neurona-chromium-"),
                "--window-size=1280,900",
                "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("neurona.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Studio(driver, "http://localhost:" + port, test);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a Studio page: {@code "/"} or {@code "#/datasets"}. */
    public Studio go(String path) {
        driver.get(base + (path.startsWith("#") ? "/" + path : path));
        return this;
    }

    /** Signs in with the tests' admin key through the sign-in form, and waits for the header to show the role. */
    public Studio signIn() {
        return signIn(TestKeys.ADMIN);
    }

    public Studio signIn(String key) {
        if (!driver.getCurrentUrl().startsWith(base)) {
            go("/");
        }
        WebElement input = await(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        awaitGone(By.id("api-key"));
        return this;
    }

    public WebElement await(By by) {
        return await(by, WAIT);
    }

    public WebElement await(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until an element matching {@code by} shows {@code text} (a substring of its visible text). */
    public WebElement awaitText(By by, String text) {
        return awaitText(by, text, WAIT);
    }

    public WebElement awaitText(By by, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    public void awaitGone(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** Waits until {@code condition} (a JavaScript expression) is truthy. */
    public void awaitScript(String condition, Duration timeout) {
        new WebDriverWait(driver, timeout)
                .until(d -> Boolean.TRUE.equals(
                        ((JavascriptExecutor) d).executeScript("return Boolean(" + condition + ");")));
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** An attribute of the shown element {@code by} finds, read again if the page redraws that element meanwhile. */
    public String attribute(By by, String name) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = d.findElement(by);
                    return element.isDisplayed() ? element.getAttribute(name) : null;
                });
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Saves what the browser shows as {@code target/screenshots/<test>-<name>.png} (full page height). */
    public Path shot(String name) {
        Path dir = Path.of(System.getProperty("neurona.screenshots", "target/screenshots"));
        Path file = dir.resolve(test + "-" + name + ".png");
        Dimension before = driver.manage().window().getSize();
        try {
            Files.createDirectories(dir);
            Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight);");
            int tall = Math.min(Math.max(before.getHeight(), height.intValue() + 140), 6000);
            driver.manage().window().setSize(new Dimension(before.getWidth(), tall));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
        return file;
    }

    /** Sets the window to a phone's width (390 px: an iPhone 12–15) or back to the desktop's 1280. */
    public Studio width(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        return this;
    }

    /** Asserts the page fits its width: nothing makes the whole page scroll sideways (tables scroll inside). */
    public void assertFitsWidth() {
        // a resize is laid out over a few frames (charts redraw on the next one): give it a moment, then measure
        String measure = "return document.documentElement.scrollWidth - window.innerWidth;";
        try {
            new WebDriverWait(driver, Duration.ofSeconds(3))
                    .until(d -> ((Number) ((JavascriptExecutor) d).executeScript(measure)).intValue() <= 0);
        } catch (org.openqa.selenium.TimeoutException stillWider) {
            // measured and reported below
        }
        Number overflow = (Number) script(measure);
        assertThat(overflow.intValue())
                .as("the page at %s is wider than the window by that many pixels", driver.getCurrentUrl())
                .isLessThanOrEqualTo(0);
    }

    /** The console errors logged so far (see the class comment for which count). */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !REFUSAL_SHOWN.matcher(entry.getMessage()).matches()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return consoleErrors;
    }

    /** Draws one stroke on a canvas with the mouse: points in CSS pixels from its top-left corner. */
    public void drawStroke(WebElement canvas, List<int[]> points) {
        // Selenium's offsets are from the element's centre
        org.openqa.selenium.Rectangle box = canvas.getRect();
        int dx = -box.getWidth() / 2;
        int dy = -box.getHeight() / 2;
        var actions = new org.openqa.selenium.interactions.Actions(driver);
        int[] first = points.get(0);
        actions.moveToElement(canvas, first[0] + dx, first[1] + dy).clickAndHold();
        for (int[] p : points.subList(1, points.size())) {
            actions.moveToElement(canvas, p[0] + dx, p[1] + dy);
        }
        actions.release().perform();
    }

    /** Closes the browser, failing when the page logged console errors. */
    @Override
    public void close() {
        List<String> errors;
        try {
            errors = List.copyOf(consoleErrors());
        } finally {
            driver.quit();
        }
        assertThat(errors).as("console errors in the Studio").isEmpty();
    }
}
