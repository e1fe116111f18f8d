package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard of a server with API keys, in headless Chromium: it asks for a key, refuses a wrong one, and with
 * a right one keeps a session in which the pages load and a scan is submitted, until the user logs out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardLoginBrowserTest {
    private static final String ALICE = ApiKeysTest.ALICE_KEY;
    private Browser browser;
    private ApiFixture api;

    @BeforeAll
    void start() {
        browser = Browser.startOrSkip();
        api = anApi().with(PersonFixtures.collectors().toArray(dev.osint.core.Collector[]::new))
                .withSettings(Map.of("OSINT_API_KEYS", "alice:" + ALICE)).withWorker().start();
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

    /** The page's calls before the login are refused with 401, which the console reports; nothing else may fail. */
    private void assertOnlyRefusalsInTheConsole() {
        assertThat(browser.consoleProblems()).allMatch(message -> message.contains("status of 401"),
                "a 401 before the login");
    }

    @Test
    void aWrongKeyIsRefusedAndARightOneOpensASessionUntilLogout() {
        browser.open(api, "#/");
        browser.find("#login #api-key");
        browser.screenshot("login");

        browser.find("#api-key").sendKeys(ALICE + "x");
        browser.click("#login button[type=submit]");
        browser.waitForText("#login .field-error", "the API key is not valid");
        assertThat(browser.all("#session:not([hidden])")).isEmpty();

        browser.find("#api-key").clear();
        browser.find("#api-key").sendKeys(ALICE);
        browser.click("#login button[type=submit]");

        browser.waitForText("#session", "alice");
        assertThat(browser.all("#login")).isEmpty();
        assertThat(browser.script("return document.cookie")).as("the cookie is HttpOnly").isEqualTo("");
        browser.waitForText("#live", "live");
        assertOnlyRefusalsInTheConsole();

        browser.open(api, "#/scan");
        new Select(browser.find("#scan-type")).selectByValue("social");
        browser.find("#scan-target").sendKeys(PersonFixtures.JANE);
        browser.click("#scan-submit");
        browser.waitForText("#scan-state", "SUCCESS");
        assertThat(browser.find("#profiles").getText()).contains("Jane Doe");
        String task = browser.find("#scan-task-link").getDomAttribute("href").replace("#/task/", "");
        assertThat(api.scans.status(task).orElseThrow().owner()).as("the session's scans are the key's")
                .isEqualTo("alice");
        browser.assertNoConsoleProblems();
        Cookie cookie = browser.driver.manage().getCookieNamed("osint_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getValue()).doesNotContain(ALICE);

        browser.click("#logout");

        browser.find("#login #api-key");
        assertThat(browser.all("#session:not([hidden])")).isEmpty();
        assertOnlyRefusalsInTheConsole();
        assertThat(api.sendAsIs(HttpRequest.newBuilder(api.uri("/api/v1/collectors"))
                .header("Cookie", "osint_session=" + cookie.getValue())).statusCode()).as("the session ended")
                .isEqualTo(401);
    }
}
