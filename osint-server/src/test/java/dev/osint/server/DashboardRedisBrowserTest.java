package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.queue.PingCollector;
import dev.osint.queue.testing.TestRedis;
import dev.osint.queue.testing.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The overview in Redis mode, in headless Chromium: a worker started as a process of its own on the same Redis
 * shows up online, and shows offline once it stops, from the event stream alone (no reload, no polling).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardRedisBrowserTest {
    /** A worker is a JVM of its own: on a busy machine it takes a while to start. */
    private static final Duration WORKER_START = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    private Browser browser;
    private ApiFixture api;
    private Process worker;
    private Path log;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.startOrSkip();
        log = Files.createTempFile("osint-dashboard-worker", ".log");
        api = anApi().with(new PingCollector()).onBroker(redis::newBroker).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    /** The row of the worker table that names this worker, once it says this status. */
    private WebElement workerRow(String name, String status, Duration timeout) {
        return browser.waitFor(timeout, d -> d.findElements(By.cssSelector("#worker-table tbody tr")).stream()
                .filter(row -> row.getText().contains(name) && row.getText().contains(status)).findFirst()
                .orElse(null));
    }

    @Test
    void aWorkerProcessAppearsOnlineAndThenOfflineWithoutAReload() throws Exception {
        browser.open(api, "#/");
        browser.waitForText("#live", "live");
        browser.find("#workers");
        browser.script("window.__sameDocument = true; performance.clearResourceTimings();");

        worker = WorkerProcess.start(log, TestRedis.url(), redis.prefix(), "far-worker", "10000", "3");

        WebElement online = workerRow("far-worker", "online", WORKER_START);
        assertThat(online.getText()).contains("default").contains("pid " + worker.pid());
        String id = api.submit("ping", "example.com");
        browser.waitFor(WORKER_START, d -> api.scans.status(id).orElseThrow().state().isFinal() ? true : null);
        browser.screenshot("workers-redis");

        worker.destroy(); // SIGTERM: the worker stops warmly and says so

        workerRow("far-worker", "offline", Duration.ofSeconds(30));
        assertThat(browser.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/v1/workers')).length")).as("no polling").isEqualTo(0L);
        browser.screenshot("worker-offline");
        browser.assertNoConsoleProblems();
    }
}
