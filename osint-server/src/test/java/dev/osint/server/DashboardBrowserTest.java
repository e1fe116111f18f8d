package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.dns.DnsCollector;
import dev.osint.collectors.identity.IdentityCollector;
import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.Collector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (headless Chromium) against a real API with a worker: a DNS scan of a zone
 * served on loopback from the workbench, revoking a running task, leaving a task page before it loaded, the
 * identity graph built by the real identity collector, and results whose fields carry script. One browser and one
 * server serve the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    private Browser browser;
    private LoopbackDnsServer dns;
    private ApiFixture api;
    private Path wordlists;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.startOrSkip();
        dns = LoopbackDnsServer.startWithTestZones();
        List<Collector> collectors = new ArrayList<>(PersonFixtures.collectors());
        collectors.add(new DnsCollector());
        collectors.add(new IdentityCollector());
        // a wordlist long enough that a brute force at the default rate is still running when the test revokes it
        wordlists = Files.createTempDirectory("osint-wordlists-");
        Files.write(wordlists.resolve("long.txt"),
                IntStream.range(0, 500_000).mapToObj(i -> "w" + i).toList());
        api = anApi().with(collectors.toArray(Collector[]::new))
                .withSettings(Map.of("OSINT_DNS_RESOLVERS", dns.address(), "OSINT_DNS_TIMEOUT", "1",
                        "OSINT_WORDLIST_DIR", wordlists.toString()))
                .withWorker().start();
        for (String path : List.of("/api/v1/events", "/api/v1/tasks")) {
            if (!hasRoute(path)) {
                browser.expectAbsent(path);
            }
        }
    }

    /** Submits a dns scan whose brute force of the long wordlist runs far longer than a test; answers its id. */
    private String aLongBruteForce() {
        return json(api.post("/api/v1/scan", "{\"target\": \"example.test\", \"type\": \"dns\", \"options\":"
                + " {\"bruteforce\": true, \"wordlist\": \"long\", \"zone_transfer\": false}}"))
                .get("task_id").asText();
    }

    /** Whether this server has the route (the dashboard works without the event stream and the task list). */
    private boolean hasRoute(String path) {
        return api.get(path + "?limit=1").statusCode() != 404;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (wordlists != null) {
            try (var files = Files.list(wordlists)) {
                files.forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: nothing to keep
            }
            wordlists.toFile().delete();
        }
    }

    @BeforeEach
    void desktop() {
        browser.resize(Browser.DESKTOP);
    }

    @AfterEach
    void noScriptErrors() {
        browser.assertNoConsoleProblems();
    }

    @Test
    void aDnsScanFromTheWorkbenchShowsItsRecordsInATable() {
        browser.open(api, "#/scan");
        new Select(browser.find("#scan-type")).selectByValue("identity");
        browser.find("#scan-target").sendKeys("jane@example.test");
        browser.find("#option-depth").sendKeys("2.5");
        browser.click("#scan-submit");
        browser.waitForText("#option-depth-hint", "expected a whole number");
        browser.find("#scan-target").clear();
        new Select(browser.find("#scan-type")).selectByValue("dns");
        WebElement target = browser.find("#scan-target");
        target.sendKeys("exa mple.test");
        browser.waitForText("#scan-target-hint", "is not a valid domain");
        target.clear();
        target.sendKeys("example.test");
        browser.waitForText("#scan-target-hint", "domain");

        browser.click("#scan-submit");

        browser.waitForText("#scan-state", "SUCCESS");
        List<String> rows = browser.find("#dns-records").findElements(By.cssSelector("tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).contains("A example.test 192.0.2.10 300 –", "AAAA example.test 2001:db8::10 600 –",
                "MX example.test mail.example.test 300 10");
        assertThat(browser.find("#dmarc").getText()).contains("quarantine").contains("reject");
        assertThat(browser.find("#spf").getText()).contains("192.0.2.0/24");
        browser.screenshot("scan-dns");

        browser.click("#show-raw");
        assertThat(browser.find("#raw-json pre").getText()).contains("\"collector_name\": \"DNSCollector\"");
    }

    @Test
    void aRunningTaskIsRevokedFromItsPage() {
        String id = aLongBruteForce();
        browser.open(api, "#/task/" + id);
        browser.waitForText("#task-stage", "brute force");
        browser.screenshot("task-running");
        WebElement revoke = browser.find("#revoke");
        String stage = browser.waitFor(d -> d.findElement(By.id("task-stage")).getText());
        browser.waitFor(d -> d.findElement(By.id("task-stage")).getText().equals(stage) ? null : true);

        revoke.click(); // the button found before the progress moved on: live updates leave it in place

        browser.waitForText(".task-header h2", "REVOKED");
        assertThat(json(api.get("/api/v1/scan/" + id)).get("status").asText()).isEqualTo("REVOKED");
        assertThat(browser.find("#task-error").getText()).contains("task revoked");
        assertThat(browser.find("#retry").isDisplayed()).isTrue();
    }

    @Test
    void aTaskPageLeftBeforeItLoadedStopsFollowingItsTask() {
        String id = aLongBruteForce();
        api.awaitStatus(id, "PROCESSING");
        browser.open(api, "#/tasks");
        // the page's streams are kept in a list; the task page is left in the same turn it was entered, so its
        // render finishes after the task list's has begun
        browser.script("window.openedStreams = []; const Original = window.EventSource;"
                + " window.EventSource = class extends Original {"
                + " constructor(...args) { super(...args); window.openedStreams.push(this); } };"
                + " location.hash = '#/task/' + arguments[0]; setTimeout(() => { location.hash = '#/tasks'; }, 0);", id);
        browser.waitFor(d -> ((Number) browser.script("return window.openedStreams.filter(s =>"
                + " s.url.endsWith('/events') && s.url.includes(arguments[0])).length", id)).intValue() > 0 ? true : null);

        browser.waitFor(d -> Boolean.TRUE.equals(browser.script("return window.openedStreams.filter(s =>"
                + " s.url.includes(arguments[0])).every(s => s.readyState === EventSource.CLOSED)", id)) ? true : null);
        api.delete("/api/v1/scan/" + id);
        api.awaitStatus(id, "REVOKED");
    }

    @Test
    void theIdentityGraphShowsTheEvidenceOfAClickedNode() {
        String id = api.submit("identity", PersonFixtures.JANE);
        api.awaitStatus(id, "SUCCESS");
        browser.open(api, "#/task/" + id);
        WebElement graph = browser.find("#identity-graph");
        browser.waitFor(d -> "true".equals(graph.getDomAttribute("data-ready")) ? true : null);

        Map<?, ?> node = (Map<?, ?>) browser.script("arguments[0].scrollIntoView({block: 'center'});"
                + " const cy = arguments[0].cy; cy.resize();"
                + " const n = cy.getElementById('account:github.com/janedoe'); const p = n.renderedPosition();"
                + " const box = arguments[0].getBoundingClientRect();"
                + " return {x: p.x - box.width / 2, y: p.y - box.height / 2, edges: n.connectedEdges().length};", graph);
        new Actions(browser.driver).moveToElement(graph, ((Number) node.get("x")).intValue(),
                ((Number) node.get("y")).intValue()).click().perform();

        WebElement evidence = browser.find("#evidence [data-node='account:github.com/janedoe']");
        assertThat(evidence.getText()).startsWith("Account").contains("same_username")
                .contains("Evidence (" + node.get("edges") + ")");
        browser.screenshot("identity-graph");
    }

    @Test
    void resultFieldsCarryingScriptAreShownAsText() {
        String social = api.submit("social", PersonFixtures.MALLORY);
        String identity = api.submit("identity", PersonFixtures.MALLORY);
        String username = api.submit("username", PersonFixtures.MALLORY);
        for (String id : List.of(social, identity, username)) {
            api.awaitStatus(id, "SUCCESS");
        }

        browser.open(api, "#/task/" + social);
        WebElement card = browser.find("#profiles article");
        assertThat(card.findElement(By.cssSelector(".display-name")).getText()).isEqualTo(PersonFixtures.IMG_ONERROR);
        assertThat(card.findElement(By.cssSelector(".bio")).getText()).isEqualTo(PersonFixtures.SCRIPT);
        assertThat(card.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        assertThat(browser.all("#page img[src='x'], #page script, #page b")).isEmpty();
        browser.click("#show-raw");
        assertThat(browser.find("#raw-json pre").getText()).contains("onerror");
        browser.screenshot("hostile-result");

        browser.open(api, "#/task/" + username);
        WebElement walled = browser.find("#sites-blocked");
        assertThat(walled.getText()).contains(PersonFixtures.IMG_ONERROR).contains("wall page: " + PersonFixtures.SCRIPT);
        assertThat(walled.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        assertThat(browser.all("#page img[src='x'], #page script")).isEmpty();

        browser.open(api, "#/task/" + identity);
        browser.click(".node-list summary");
        browser.all("#identity-nodes button.linklike").stream()
                .filter(b -> b.getText().equals("https://github.com/mallory")).findFirst().orElseThrow().click();
        browser.waitForText("#evidence", PersonFixtures.IMG_ONERROR);

        assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.all("#page img[src='x'], #page script")).isEmpty();
    }

    @Test
    void usernameResultsAreGroupedByStatusAndProfilesShownAsCards() {
        String username = api.submit("username", PersonFixtures.JANE);
        String social = api.submit("social", PersonFixtures.JANE);
        for (String id : List.of(username, social)) {
            api.awaitStatus(id, "SUCCESS");
        }

        browser.open(api, "#/task/" + username);
        assertThat(browser.find("#username-summary").getText()).contains("2 FOUND").contains("1 BLOCKED")
                .contains("2 NOT_FOUND").contains("1 ERROR");
        assertThat(browser.find("#sites-found").findElements(By.cssSelector("a.external")).stream()
                .map(a -> a.getDomAttribute("href")).toList())
                .containsExactlyInAnyOrder("https://github.com/janedoe", "https://www.reddit.com/user/janedoe");
        assertThat(browser.find("#sites-blocked").getText()).contains("Instagram");
        browser.screenshot("result-username-test-data"); // docs show the real collector's (DashboardResultsBrowserTest)

        browser.open(api, "#/task/" + social);
        List<WebElement> cards = browser.find("#profiles").findElements(By.cssSelector("article"));
        assertThat(cards).hasSize(2);
        assertThat(cards.getFirst().getText()).contains("Jane Doe").contains("Lisbon, Portugal").contains("1,200");
        assertThat(browser.find("#entity-table").getText()).contains("account").contains("https://gravatar.com/janedoe");
        browser.screenshot("result-social");
    }

    @Test
    void theOverviewShowsTheLiveWorkerAndTheQueuesAtDesktopAndPhoneWidth() {
        browser.open(api, "#/");

        browser.waitForText("#worker-table", "test-worker");
        // the table is redrawn by each live update: its row is read whole, found again if it was replaced
        browser.waitFor(d -> {
            try {
                String row = d.findElement(By.cssSelector("#worker-table tbody tr")).getText();
                return row.contains("online") && row.contains("default, slow") ? true : null;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
        assertThat(browser.find("#queue-table").getText()).contains("Queue");
        browser.waitFor(d -> d.findElements(By.cssSelector(".chart canvas")).size() >= 3 ? true : null);
        browser.screenshot("overview");

        browser.resize(Browser.PHONE);
        browser.open(api, "#/scan");
        browser.find("#scan-target").sendKeys("example.test");
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling at phone width").isLessThanOrEqualTo(Browser.PHONE.width);
        browser.screenshot("phone-scan");
    }

    @Test
    void theTaskListFollowsTheEventsWithoutReloadingOrPolling() {
        Assumptions.assumeTrue(hasRoute("/api/v1/events") && hasRoute("/api/v1/tasks"),
                "this server has no event stream or task list");
        browser.open(api, "#/tasks");
        browser.find("#task-table");
        browser.waitForText("#live", "live");
        browser.script("window.__sameDocument = true; performance.clearResourceTimings();");

        String id = api.submit("dns", "example.test");

        browser.waitFor(d -> d.findElements(By.cssSelector("#task-rows tr[data-task-id='" + id
                + "'][data-state='SUCCESS']")).isEmpty() ? null : true);
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
        assertThat(browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/v1/tasks')).length")).isEqualTo(0L);
        browser.screenshot("tasks");
    }
}
