package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.queue.ScriptedCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's history pages in headless Chromium: the search, the comparison of two scans of a zone that
 * changed in between, and an entity's page with every scan that saw it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryDashboardBrowserTest {
    private final AtomicReference<List<String>> zone = new AtomicReference<>(List.of("192.0.2.1", "192.0.2.2"));
    private Browser browser;
    private ApiFixture api;
    private Path dataDir;
    private String before;
    private String after;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.startOrSkip();
        dataDir = Files.createTempDirectory("osint-history-dashboard");
        ScriptedCollector zoneScan = new ScriptedCollector("zone", (ctx, run) -> {
            List<Entity> entities = new ArrayList<>();
            List<Map<String, Object>> records = new ArrayList<>();
            for (String ip : zone.get()) {
                entities.add(Entity.of(EntityKind.IP, ip, "zone", Map.of("name", "www.example.com")));
                records.add(Map.of("type", "A", "name", "www.example.com", "value", ip));
            }
            return CollectorOutput.found(Map.of("dns_records", records), entities);
        });
        api = anApi().with(zoneScan).withHistory(dataDir).withWorker().start();
        before = scanAndWait();
        zone.set(List.of("192.0.2.2", "192.0.2.3"));
        after = scanAndWait();
    }

    private String scanAndWait() {
        String id = api.submit("zone", "example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/history/" + id).statusCode() == 200);
        return id;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        browser.assertNoConsoleProblems();
    }

    @Test
    void twoScansOfAChangedZoneArePickedAndCompared() {
        browser.open(api, "#/history?target=example.com");
        browser.find("#history-rows tr[data-task-id='" + after + "']");
        assertThat(browser.all("#history-rows tr")).hasSize(2);
        browser.find("#history-rows input[data-task-id='" + before + "']").click();
        browser.find("#history-rows input[data-task-id='" + after + "']").click();
        browser.find("#history-compare").click();

        browser.waitForText("#diff-added", "192.0.2.3");
        assertThat(browser.find("#diff-removed").getText()).contains("192.0.2.1").doesNotContain("192.0.2.2");
        assertThat(browser.find("#diff-records").getText()).contains("/dns_records", "added", "removed");
        browser.screenshot("history-diff");
    }

    @Test
    void anEntityLeadsToEveryScanThatSawIt() {
        browser.open(api, "#/history");
        WebElement lookup = browser.find("#entity-value");
        lookup.sendKeys("192.0.2.2");
        browser.find("#entity-lookup button[type='submit']").click();

        browser.waitForText("#entity-scans", "example.com");
        List<WebElement> links = browser.find("#entity-scans").findElements(By.cssSelector("tbody a"));
        assertThat(links).hasSize(2);
        assertThat(links.getFirst().getAttribute("href")).endsWith("#/task/" + after);
        assertThat(browser.find(".entity-kind").getText()).contains("Scans", "2");
        browser.screenshot("history-entity");
    }

    @Test
    void aScanTheBrokerForgotOpensFromTheHistoryOnItsTaskPage() {
        browser.open(api, "#/task/" + before);
        browser.waitForText("#page", "SUCCESS");
    }
}
