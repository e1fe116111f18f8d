package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.osint.collectors.metadata.MetadataCollector;
import dev.osint.collectors.metadata.SampleFiles;
import dev.osint.collectors.net.UpstreamBreakers;
import dev.osint.collectors.testing.LoopbackWhoisServer;
import dev.osint.collectors.username.UsernameCollector;
import dev.osint.collectors.whois.WhoisCollector;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Results of the real collectors drawn in headless Chromium: the username collector reading sites served on
 * loopback (found, blocked by a wall, not found, failing), and the whois collector answered by RDAP (a registry's
 * recorded answer) and by port-43 servers on loopback, the metadata collector reading an uploaded photo with GPS;
 * and the circuit breakers of a collector's upstreams.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardResultsBrowserTest {
    private static final String PROFILE = "<html><head><title>janedoe - Profile</title></head><body>"
            + "<div class=\"profile\">janedoe</div></body></html>";
    private Browser browser;
    private HttpServer sites;
    private List<LoopbackWhoisServer> whois;
    private Path catalogue;
    private UpstreamBreakers breakers;
    private ApiFixture api;

    @BeforeAll
    void start() throws IOException {
        browser = Browser.startOrSkip();
        sites = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sites.createContext("/", this::answerAsTheSitesDo);
        sites.start();
        String base = "http://127.0.0.1:" + sites.getAddress().getPort();
        catalogue = Files.createTempFile("osint-sites-", ".json");
        Files.writeString(catalogue, "{\"format\": \"osint-username-sites/1\", \"sites\": ["
                + site("Codehub", base + "/found/{username}", "coding") + ","
                + site("Walled", base + "/walled/{username}", "social") + ","
                + site("Quiet", base + "/missing/{username}", "forum") + ","
                + site("Broken", base + "/broken/{username}", "photo") + "]}");
        LoopbackWhoisServer iana = LoopbackWhoisServer.start().answer("jh2i.com", resource("/whois/iana-jh2i.com.txt"));
        LoopbackWhoisServer registry = LoopbackWhoisServer.start()
                .answer("jh2i.com", resource("/whois/verisign-jh2i.com.txt"));
        LoopbackWhoisServer registrar = LoopbackWhoisServer.start()
                .answer("jh2i.com", resource("/whois/google-jh2i.com.txt"));
        whois = List.of(iana, registry, registrar);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        breakers = UpstreamBreakers.fromSettings(new Settings(Map.of(UpstreamBreakers.MIN_CALLS_SETTING, "2",
                UpstreamBreakers.WINDOW_SETTING, "2")), metrics);
        api = anApi().with(new UsernameCollector(), new WhoisCollector(), new MetadataCollector())
                .withUpstreams(metrics, breakers)
                .withSettings(Map.of("OSINT_USERNAME_SITES", catalogue.toString(),
                        "OSINT_RDAP_BASE_URL", base + "/rdap",
                        "OSINT_WHOIS_SERVER", iana.address(),
                        "OSINT_WHOIS_HOSTS", "whois.verisign-grs.com=" + registry.address() + ", whois.google.com="
                                + registrar.address(),
                        "OSINT_WHOIS_TIMEOUT", "5"))
                .withWorker().start();
    }

    private static String site(String name, String url, String tag) {
        return "{\"name\": \"" + name + "\", \"url\": \"" + url + "\", \"tags\": [\"" + tag + "\"],"
                + " \"detect\": [\"status\"]}";
    }

    /** A profile for janedoe only (so the random-name control is not found), a wall, a 404 and a 503. */
    private void answerAsTheSitesDo(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/rdap/domain/google.com")) {
            exchange.getResponseHeaders().set("Content-Type", "application/rdap+json");
            send(exchange, 200, resource("/upstreams/rdap/google.com.json"));
        } else if (path.equals("/found/janedoe")) {
            send(exchange, 200, PROFILE);
        } else if (path.startsWith("/walled/")) {
            send(exchange, 403, "<html><head><title>Access denied</title></head><body>Forbidden</body></html>");
        } else if (path.startsWith("/broken/")) {
            send(exchange, 503, "<html><body>Service Unavailable</body></html>");
        } else {
            send(exchange, 404, "<html><head><title>Not Found</title></head><body>No such user</body></html>");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DashboardResultsBrowserTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
        if (sites != null) {
            sites.stop(0);
        }
        if (whois != null) {
            whois.forEach(LoopbackWhoisServer::close);
        }
        if (catalogue != null) {
            Files.deleteIfExists(catalogue);
        }
    }

    @AfterEach
    void noScriptErrors() {
        browser.assertNoConsoleProblems();
    }

    private String finished(String body) {
        String id = json(api.post("/api/v1/scan", body)).get("task_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get("/api/v1/scan/" + id)).get("status").asText(),
                state -> List.of("SUCCESS", "FAILURE").contains(state));
        return id;
    }

    @Test
    void theRealUsernameCollectorsSitesAreGroupedByStatusWithLinksAndWhatDecided() {
        String id = finished("{\"target\": \"janedoe\", \"type\": \"username\"}");

        browser.open(api, "#/task/" + id);

        assertThat(browser.find("#username-summary").getText()).contains("1 FOUND").contains("1 BLOCKED")
                .contains("1 NOT_FOUND").contains("1 ERROR");
        WebElement found = browser.find("#sites-found");
        assertThat(found.findElements(By.cssSelector("a.external")).stream().map(a -> a.getDomAttribute("href"))
                .toList()).containsExactly("http://127.0.0.1:" + sites.getAddress().getPort() + "/found/janedoe");
        assertThat(found.getText()).contains("Codehub").contains("200").as("the random-name control")
                .contains("is NOT_FOUND");
        assertThat(browser.find("#sites-blocked").getText()).contains("Walled").contains("403");
        browser.click("#sites-error summary");
        assertThat(browser.find("#sites-error").getText()).contains("Broken").contains("503");
        browser.screenshot("result-username");
    }

    @Test
    void aWhoisCardSaysWhetherRdapOrPort43Answered() {
        String rdap = finished("{\"target\": \"google.com\", \"type\": \"whois\"}");
        String port43 = finished("{\"target\": \"jh2i.com\", \"type\": \"whois\", \"options\": {\"rdap\": false}}");

        browser.open(api, "#/task/" + rdap);
        WebElement card = browser.find("#whois-card");
        assertThat(card.getText()).contains("MarkMonitor Inc.").contains("RDAP (").contains("ns1.google.com");
        browser.screenshot("result-whois");

        browser.open(api, "#/task/" + port43);
        assertThat(browser.find("#whois-card").getText()).contains("port-43 WHOIS (")
                .contains("whois.google.com").contains("the scan's option rdap is false");
    }

    @Test
    void aPhotosCoordinatesAreShownWithAMapLink() {
        HttpResponse<String> accepted = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + UploadApiTest.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(UploadApiTest.multipart("holiday.jpg",
                        SampleFiles.photoJpeg(), "type", "metadata"))));
        String id = json(accepted).get("task_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get("/api/v1/scan/" + id)).get("status").asText(),
                "SUCCESS"::equals);

        browser.open(api, "#/task/" + id);

        WebElement coordinates = browser.find("#coordinates");
        assertThat(coordinates.getText()).contains("-22.951916, -43.210487").contains("altitude 710")
                .contains("Exif GPS");
        assertThat(coordinates.findElement(By.cssSelector("a.external")).getDomAttribute("href"))
                .isEqualTo("https://www.openstreetmap.org/?mlat=-22.951916&mlon=-43.210487#map=16/-22.951916/-43.210487");
        assertThat(browser.find("#result").getText()).contains("Canon EOS 5D Mark IV").contains("Jane Doe")
                .contains("jane.doe@example.org");
        browser.screenshot("result-metadata");
    }

    @Test
    void theWorkbenchShowsTheCircuitBreakersOfTheCollectorsUpstreams() {
        for (int i = 0; i < 2; i++) {
            breakers.begin("rdap", "rdap:rdap.example", "RDAP servers").end(UpstreamHealth.Outcome.SERVER_ERROR);
        }

        browser.open(api, "#/scan");
        new Select(browser.find("#scan-type")).selectByValue("whois");

        WebElement health = browser.find("#upstream-health");
        assertThat(health.findElements(By.cssSelector("[data-circuit='OPEN']"))).hasSize(1);
        assertThat(health.getText()).contains("OPEN").contains("2 calls, 2 failed").contains("not called yet");
    }
}
