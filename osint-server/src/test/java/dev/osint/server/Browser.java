package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, for the dashboard's browser tests. Without Chromium the
 * tests are skipped with a message saying what to install, unless {@code -De2e.required=true} (the {@code e2e}
 * profile, which CI uses) makes its absence a failure. Screenshots go to {@code target/screenshots}, and also to
 * {@code docs/dashboard} when {@code -Ddashboard.docs.screenshots=true}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOCS_SCREENSHOTS = Path.of("..", "docs", "dashboard");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final int MAX_SCREENSHOT_HEIGHT = 3000;

    final ChromeDriver driver;
    private final Path profile;
    private final List<String> problems = new ArrayList<>();
    /** API paths this server does not have yet; the page falls back without them, and their 404s are expected. */
    private final List<String> absentRoutes = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium, or skips the calling test class (fails it under the e2e profile) when it is not installed. */
    static Browser startOrSkip() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver)";
            // CI installs Chromium and sets OSINT_E2E_REQUIRED, so a failed install cannot pass as a skip
            if (Boolean.getBoolean("e2e.required") || "true".equals(System.getenv("OSINT_E2E_REQUIRED"))) {
                throw new AssertionError(message.replace("skipped", "required (-Pe2e or OSINT_E2E_REQUIRED)"));
            }
            System.err.println("[WARNING] " + message);
            Assumptions.abort(message);
        }
        System.setProperty("SE_OFFLINE", "true"); // the driver path is given: Selenium Manager must never download
        try {
            Path profile = Files.createTempDirectory("osint-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                            "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB",
                            "--force-device-scale-factor=1");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            driver.manage().window().setSize(DESKTOP);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void expectAbsent(String path) {
        absentRoutes.add(path);
    }

    void open(ApiFixture api, String hashPath) {
        driver.get(api.uri("/").toString() + hashPath);
        waitFor(d -> d.findElements(By.cssSelector("#page .view")).size() > 0 ? true : null);
    }

    WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    /** Clicks an element scrolled to the middle of the window, so that the sticky top bar never covers it. */
    void click(String css) {
        // a live page may redraw the element between finding and clicking it: find it again then
        waitFor(d -> {
            WebElement element = find(css);
            script("arguments[0].scrollIntoView({block: 'center'})", element);
            element.click();
            return true;
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T waitFor(ExpectedCondition<T> condition) {
        return waitFor(Duration.ofSeconds(20), condition);
    }

    /** As {@link #waitFor(ExpectedCondition)}, for what takes longer (a worker process starting). */
    <T> T waitFor(Duration timeout, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    void waitForText(String css, String text) {
        waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.getFirst().getText().contains(text) ? true : null;
        });
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Saves the whole page as NAME.png (and under docs/ when asked), and returns its path. */
    Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        // a window as tall as the page (up to a limit) shows all of it in one picture
        driver.manage().window().setSize(new Dimension(window.width, (int) Math.min(MAX_SCREENSHOT_HEIGHT,
                Math.max(window.height, height + 90))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("dashboard.docs.screenshots")) {
                Files.createDirectories(DOCS_SCREENSHOTS);
                Files.copy(file, DOCS_SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /**
     * The page's console since the last call: every entry that says a policy blocked something or a script failed.
     * Failed loads of remote pictures (no network in tests) are not problems.
     */
    List<String> consoleProblems() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean remotePicture = message.contains("net::ERR_") && !message.contains("/ui/");
            boolean absentRoute = message.contains("status of 404")
                    && absentRoutes.stream().anyMatch(path -> message.contains(path + " ") || message.contains(path + "?"));
            if ((entry.getLevel().intValue() >= Level.SEVERE.intValue() && !remotePicture && !absentRoute)
                    || message.contains("Content Security Policy")) {
                problems.add(message);
            }
        }
        List<String> found = List.copyOf(problems);
        problems.clear();
        return found;
    }

    void assertNoConsoleProblems() {
        assertThat(consoleProblems()).as("errors and policy violations in the browser console").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
