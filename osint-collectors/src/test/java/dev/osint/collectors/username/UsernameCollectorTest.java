package dev.osint.collectors.username;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.testing.TestScanContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every site is a path on one loopback WireMock server that answers as the real site would. */
class UsernameCollectorTest {
    private static final String PROFILE = "<html><head><title>alice - Profile</title></head><body>"
            + "<div class=\"profile\">alice</div></body></html>";
    private static WireMockServer server;
    private final UsernameCollector collector = new UsernameCollector();
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        // slow-site tests keep server threads asleep after the client gave up; enough threads for the rest
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(200));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A catalogue in the project's format whose sites are paths on the test server. */
    private Path catalogue(String... sites) throws IOException {
        Path file = dir.resolve("sites-" + System.nanoTime() + ".json");
        Files.writeString(file, "{\"format\": \"osint-username-sites/1\", \"sites\": ["
                + String.join(",", sites).replace("BASE", base()) + "]}");
        return file;
    }

    private static String site(String name, String path, String detection) {
        return "{\"name\": \"" + name + "\", \"url\": \"BASE" + path + "\", \"tags\": [\"test\"], " + detection + "}";
    }

    private TestScanContext.Builder scan(Path catalogue) {
        return aScanOf(collector).target("alice").setting(CatalogueLoader.SITES, catalogue.toString())
                .option("timeout_ms", 10_000); // a cold JVM on a busy machine can take seconds for a first request
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> results(CollectorOutput output) {
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        for (Map<String, Object> result : (List<Map<String, Object>>) output.data().get("results")) {
            byName.put((String) result.get("site"), result);
        }
        return byName;
    }

    private static String status(CollectorOutput output, String site) {
        return (String) results(output).get(site).get("status");
    }

    @Test
    void aProfileThatExistsIsFoundAndBecomesAnAccountEntity() throws Exception {
        server.stubFor(get("/found/alice").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        server.stubFor(get("/missing/alice").willReturn(aResponse().withStatus(404).withBody("Not Found")));
        Path sites = catalogue(site("Found", "/found/{username}", "\"detect\": [\"status\"], \"rank\": 3"),
                site("Missing", "/missing/{username}", "\"detect\": [\"status\"]"));

        CollectorOutput output = scan(sites).run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("username", "alice").containsEntry("sites_checked", 2);
        assertThat(results(output).get("Found")).containsEntry("status", "FOUND")
                .containsEntry("url", base() + "/found/alice").containsEntry("http_status", 200)
                .containsEntry("tags", List.of("test")).containsEntry("rank", 3).containsKey("elapsed_ms");
        assertThat(results(output).get("Missing")).containsEntry("status", "NOT_FOUND").containsEntry("http_status", 404);
        assertThat(output.data().get("found")).isEqualTo(List.of(Map.of("site", "Found", "url", base() + "/found/alice")));
        assertThat(output.data().get("summary")).isEqualTo(Map.of("FOUND", 1, "NOT_FOUND", 1, "INVALID_USERNAME", 0,
                "BLOCKED", 0, "ERROR", 0, "TIMEOUT", 0));
        assertThat(output.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.kind()).isEqualTo(EntityKind.ACCOUNT);
            assertThat(entity.value()).isEqualTo(base() + "/found/alice");
            assertThat(entity.source()).isEqualTo("username");
            assertThat(entity.attributes()).containsEntry("site", "Found").containsEntry("username", "alice");
        });
    }

    @Test
    void noProfileAnywhereIsAnUnsuccessfulScanWithItsResults() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        CollectorOutput output = scan(catalogue(site("A", "/a/{username}", "\"detect\": [\"status\"]"))).run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason")).asString().contains("alice", "1 sites");
        assertThat(output.entities()).isEmpty();
        assertThat(status(output, "A")).isEqualTo("NOT_FOUND");
    }

    @Test
    void aSoft404PageAnswering200IsNotFoundByItsAbsenceString() throws Exception {
        server.stubFor(get("/soft/alice").willReturn(aResponse().withStatus(200)
                .withBody("<html><title>Example</title><body><h1>Sorry, this user was not found.</h1></body></html>")));
        server.stubFor(get("/soft/bob").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        String entry = site("Soft", "/soft/{username}",
                "\"detect\": [\"absence\"], \"absence\": [\"this user was not found\"]");

        assertThat(status(scan(catalogue(entry)).run(), "Soft")).isEqualTo("NOT_FOUND");
        assertThat(status(scan(catalogue(entry)).target("bob").run(), "Soft")).isEqualTo("FOUND");
    }

    @Test
    void aSoft404TitleIsNotFoundEvenWhenTheEntryOnlyChecksTheStatus() throws Exception {
        server.stubFor(get("/lying/alice").willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>Page Not Found | Lying</title></head><body>Home</body></html>")));

        CollectorOutput output = scan(catalogue(site("Lying", "/lying/{username}", "\"detect\": [\"status\"]"))).run();

        assertThat(results(output).get("Lying")).containsEntry("status", "NOT_FOUND")
                .extractingByKey("reason").asString().contains("soft 404");
    }

    @Test
    void presenceDetectionWantsAProfileMarkerInThePage() throws Exception {
        server.stubFor(get("/api/alice").willReturn(aResponse().withStatus(200).withBody("{\"users\": []}")));
        server.stubFor(get("/api/bob").willReturn(aResponse().withStatus(200)
                .withBody("{\"users\": [{\"username\": \"bob\"}]}")));
        String entry = site("Api", "/api/{username}", "\"detect\": [\"presence\"], \"presence\": [\"\\\"username\\\":\"]");

        assertThat(status(scan(catalogue(entry)).run(), "Api")).isEqualTo("NOT_FOUND");
        assertThat(status(scan(catalogue(entry)).target("bob").run(), "Api")).isEqualTo("FOUND");
    }

    @Test
    void redirectDetectionReadsARedirectAsNotFoundWithoutFollowingIt() throws Exception {
        server.stubFor(get("/redir/alice").willReturn(aResponse().withStatus(302).withHeader("Location", "/")));
        server.stubFor(get("/redir/bob").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        String entry = site("Redir", "/redir/{username}", "\"detect\": [\"redirect\"], \"not_found_url\": \"BASE/\"");

        assertThat(status(scan(catalogue(entry)).run(), "Redir")).isEqualTo("NOT_FOUND");
        server.verify(0, getRequestedFor(urlEqualTo("/")));
        assertThat(status(scan(catalogue(entry)).target("bob").run(), "Redir")).isEqualTo("FOUND");
    }

    @Test
    void aRedirectToTheHomePageIsNotFoundAndToALoginPageIsBlocked() throws Exception {
        server.stubFor(get("/home/alice").willReturn(aResponse().withStatus(302).withHeader("Location", "/")));
        server.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("<title>Welcome</title>")));
        server.stubFor(get("/walled/alice").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/accounts/login/?next=/walled/alice")));
        server.stubFor(get(urlPathMatching("/accounts/login/")).willReturn(aResponse().withStatus(200)
                .withBody("<title>Log in</title><form>alice</form>")));
        server.stubFor(get("/moved/alice").willReturn(aResponse().withStatus(301).withHeader("Location", "/people/alice")));
        server.stubFor(get("/people/alice").willReturn(aResponse().withStatus(200).withBody(PROFILE)));

        CollectorOutput output = scan(catalogue(site("Home", "/home/{username}", "\"detect\": [\"status\"]"),
                site("Walled", "/walled/{username}", "\"detect\": [\"status\"]"),
                site("Moved", "/moved/{username}", "\"detect\": [\"status\"]"))).run();

        assertThat(status(output, "Home")).isEqualTo("NOT_FOUND");
        assertThat(status(output, "Walled")).isEqualTo("BLOCKED");
        assertThat(status(output, "Moved")).isEqualTo("FOUND"); // a redirect that keeps the name is followed
    }

    @Test
    void cloudflareAndCaptchaWallsAreBlockedNeverFound() throws Exception {
        server.stubFor(get("/cf403/alice").willReturn(aResponse().withStatus(403).withHeader("cf-mitigated", "challenge")
                .withHeader("Server", "cloudflare").withBody("<html><title>Just a moment...</title></html>")));
        server.stubFor(get("/cf200/alice").willReturn(aResponse().withStatus(200).withHeader("Server", "cloudflare")
                .withBody("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                        + "<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script></body></html>")));
        server.stubFor(get("/attention/alice").willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>Attention Required! | Cloudflare</title></head></html>")));
        server.stubFor(get("/captcha/alice").willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>Security check: captcha</title></head><div class=\"g-recaptcha\"></div></html>")));
        server.stubFor(get("/limited/alice").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        String status = "\"detect\": [\"status\"]";

        CollectorOutput output = scan(catalogue(site("CF403", "/cf403/{username}", status),
                site("CF200", "/cf200/{username}", status), site("Attention", "/attention/{username}", status),
                site("Captcha", "/captcha/{username}", status), site("Limited", "/limited/{username}", status))).run();

        assertThat(results(output).values()).extracting(r -> r.get("site"), r -> r.get("status")).containsExactly(
                tuple("CF403", "BLOCKED"), tuple("CF200", "BLOCKED"), tuple("Attention", "BLOCKED"),
                tuple("Captcha", "BLOCKED"), tuple("Limited", "BLOCKED"));
        assertThat(output.entities()).isEmpty();
        assertThat(results(output).get("CF200").get("reason")).asString().contains("Cloudflare");
    }

    @Test
    void aNameTheSiteRefusesIsInvalidAndNeverSent() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        CollectorOutput output = scan(catalogue(site("DigitsOnly", "/digits/{username}",
                "\"detect\": [\"status\"], \"username_pattern\": \"^[0-9]+$\""))).run();

        assertThat(results(output).get("DigitsOnly")).containsEntry("status", "INVALID_USERNAME")
                .containsEntry("http_status", null).containsEntry("elapsed_ms", 0L);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void a429IsRetriedOnceAndTheSecondAnswerCounts() throws Exception {
        server.stubFor(get("/busy/alice").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("calm"));
        server.stubFor(get("/busy/alice").inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withBody(PROFILE)));

        CollectorOutput output = scan(catalogue(site("Busy", "/busy/{username}", "\"detect\": [\"status\"]"))).run();

        assertThat(results(output).get("Busy")).containsEntry("status", "FOUND")
                .extractingByKey("reason").asString().contains("after a retry");
        server.verify(2, getRequestedFor(urlEqualTo("/busy/alice")));
    }

    @Test
    void aRateLimitIsAskedAgainAfterTheWaitTheSiteGivesAndNotWhenThatEndsPastTheDeadline() throws Exception {
        server.stubFor(get("/later/alice").inScenario("later").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        server.stubFor(get("/later/alice").inScenario("later").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        server.stubFor(get("/tomorrow/alice").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        Path sites = catalogue(site("Later", "/later/{username}", "\"detect\": [\"status\"]"),
                site("Tomorrow", "/tomorrow/{username}", "\"detect\": [\"status\"]"));

        long start = System.nanoTime();
        CollectorOutput output = scan(sites).setting("OSINT_TASK_SOFT_TIME_LIMIT", "30").run();

        assertThat(results(output).get("Later")).containsEntry("status", "FOUND")
                .extractingByKey("reason").asString().contains("after a retry");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_000_000_000L); // Retry-After: 1 was honoured
        assertThat(results(output).get("Tomorrow")).containsEntry("status", "BLOCKED")
                .extractingByKey("reason").asString().contains("rate limited", "3600 s", "past the task's deadline");
        server.verify(1, getRequestedFor(urlEqualTo("/tomorrow/alice")));
    }

    @Test
    void aSlowSiteIsAskedAboutTheRandomNameWhileItsAnswerAboutTheNameIsStillComing() throws Exception {
        server.stubFor(get(urlPathMatching("/sluggish/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(404).withFixedDelay(1500)));
        server.stubFor(get("/sluggish/alice").atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody(PROFILE).withFixedDelay(1500)));

        CollectorOutput output = scan(catalogue(site("Sluggish", "/sluggish/{username}", "\"detect\": [\"status\"]")))
                .run();

        assertThat(results(output).get("Sluggish")).containsEntry("status", "FOUND")
                .extractingByKey("control").asString().contains("NOT_FOUND");
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> served = server.getAllServeEvents();
        assertThat(served).hasSize(2);
        long apart = Math.abs(served.get(0).getRequest().getLoggedDate().getTime()
                - served.get(1).getRequest().getLoggedDate().getTime());
        // asked one after the other, the second request could not come before the first answer (1.5 s)
        assertThat(apart).isLessThan(1500);
    }

    @Test
    void aSiteSlowLastTimeIsAskedFirstAndAboutTheRandomNameAtOnce() throws Exception {
        String[] entries = new String[7];
        for (int i = 0; i < 6; i++) {
            server.stubFor(get(urlPathMatching("/hare" + i + "/.*")).willReturn(aResponse().withStatus(404)
                    .withFixedDelay(60)));
            entries[i] = site("Hare" + i, "/hare" + i + "/{username}", "\"detect\": [\"status\"]");
        }
        server.stubFor(get(urlPathMatching("/tortoise/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(404).withFixedDelay(1100)));
        server.stubFor(get("/tortoise/alice").atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody(PROFILE).withFixedDelay(1100)));
        entries[6] = site("Tortoise", "/tortoise/{username}", "\"detect\": [\"status\"]");
        Path sites = catalogue(entries);

        for (int scan = 1; scan <= 2; scan++) {
            server.resetRequests();
            CollectorOutput output = scan(sites).option("max_concurrency", 2).run();

            assertThat(results(output).get("Tortoise")).as("scan %d", scan).containsEntry("status", "FOUND")
                    .extractingByKey("control").asString().contains("NOT_FOUND");
            List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> served = server.getAllServeEvents().reversed();
            List<Long> tortoise = served.stream().filter(e -> e.getRequest().getUrl().startsWith("/tortoise/"))
                    .map(e -> e.getRequest().getLoggedDate().getTime()).toList();
            assertThat(tortoise).hasSize(2);
            long apart = Math.abs(tortoise.get(1) - tortoise.get(0));
            List<String> urls = served.stream().map(e -> e.getRequest().getUrl()).toList();
            int firstTortoise = urls.indexOf(urls.stream().filter(u -> u.startsWith("/tortoise/")).findFirst()
                    .orElseThrow());
            if (scan == 1) {
                // nothing known yet: asked in catalogue order (behind most of the fast sites: the checks' threads may
                // reach the permits a little out of order), the random name once the name's answer is overdue
                assertThat(firstTortoise).isGreaterThanOrEqualTo(3);
                assertThat(apart).isGreaterThanOrEqualTo(SiteChecker.HEDGE_AFTER.toMillis() - 50);
            } else {
                // slow last time: before the six fast sites, the random name beside the name from the start
                assertThat(firstTortoise).isLessThanOrEqualTo(2);
                assertThat(apart).isLessThan(300);
            }
        }
    }

    @Test
    void aRateLimitedSiteIsAskedAboutTheRandomNameBeforeTheWaitEnds() throws Exception {
        server.stubFor(get(urlPathMatching("/limited/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        server.stubFor(get("/limited/alice").atPriority(1).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        server.stubFor(get("/limited/alice").atPriority(1).inScenario("limited").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody(PROFILE)));

        CollectorOutput output = scan(catalogue(site("Limited", "/limited/{username}", "\"detect\": [\"status\"]")))
                .run();

        assertThat(results(output).get("Limited")).containsEntry("status", "FOUND");
        List<String> order = server.getAllServeEvents().reversed().stream().map(e -> e.getRequest().getUrl()).toList();
        // the random name's first request goes out during the name's wait, not after its FOUND
        assertThat(order.subList(0, 2)).contains("/limited/alice").anyMatch(url -> !url.equals("/limited/alice"));
    }

    @Test
    void aNameWithCapitalsReachesTheSiteAsTypedAndAFediverseHandleIsCheckedByItsUserPart() throws Exception {
        server.stubFor(get("/cap/AliceSmith").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        Path sites = catalogue(site("Cap", "/cap/{username}", "\"detect\": [\"status\"]"));

        assertThat(status(scan(sites).target("AliceSmith").run(), "Cap")).isEqualTo("FOUND");
        server.verify(getRequestedFor(urlEqualTo("/cap/AliceSmith")));

        server.stubFor(get("/cap/alice").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        CollectorOutput handle = scan(sites).target("@alice@mastodon.example").run();
        assertThat(handle.data()).containsEntry("username", "alice").containsEntry("handle", "@alice@mastodon.example");
        assertThat(status(handle, "Cap")).isEqualTo("FOUND");
    }

    @Test
    void aRedirectToAnotherHostIsFollowedOnlyWhereTheSsrfGuardAllowsIt() throws Exception {
        server.stubFor(get("/jump/alice").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/alice")));
        CollectorOutput output = scan(catalogue(site("Jump", "/jump/{username}", "\"detect\": [\"status\"]"))).run();

        assertThat(results(output).get("Jump")).containsEntry("status", "ERROR")
                .extractingByKey("reason").asString().contains("redirect not followed", "169.254.169.254");
    }

    @Test
    void a5xxTwiceIsAnErrorAfterExactlyOneRetry() throws Exception {
        server.stubFor(get("/broken/alice").willReturn(aResponse().withStatus(503).withBody("upstream down")));

        CollectorOutput output = scan(catalogue(site("Broken", "/broken/{username}", "\"detect\": [\"status\"]"))).run();

        assertThat(results(output).get("Broken")).containsEntry("status", "ERROR").containsEntry("http_status", 503);
        server.verify(2, getRequestedFor(urlEqualTo("/broken/alice")));
    }

    @Test
    void aSiteSlowerThanTheTimeoutTimesOutAndARefusedConnectionIsAnError() throws Exception {
        server.stubFor(get("/slow/alice").willReturn(aResponse().withStatus(200).withBody(PROFILE).withFixedDelay(3000)));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path sites = catalogue(site("Slow", "/slow/{username}", "\"detect\": [\"status\"]"),
                "{\"name\": \"Closed\", \"url\": \"http://127.0.0.1:" + closedPort + "/{username}\", \"detect\": [\"status\"]}");

        CollectorOutput output = scan(sites).option("timeout_ms", 300).run();

        assertThat(results(output).get("Slow")).containsEntry("status", "TIMEOUT").containsEntry("http_status", null);
        assertThat(results(output).get("Closed")).containsEntry("status", "ERROR");
    }

    @Test
    void aPostSiteSendsItsBodyWithTheNameAndItsHeaders() throws Exception {
        server.stubFor(post("/graphql").withRequestBody(equalToJson("{\"variables\": {\"name\": \"alice\"}}", true, true))
                .withHeader("X-Api", containing("yes"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\": {\"User\": {\"id\": 1}}}")));
        String entry = "{\"name\": \"Graph\", \"url\": \"BASE/user/{username}\", \"probe_url\": \"BASE/graphql\","
                + " \"method\": \"POST\", \"headers\": {\"X-Api\": \"yes\"},"
                + " \"body\": \"{\\\"variables\\\": {\\\"name\\\": \\\"{username}\\\"}}\", \"detect\": [\"status\"]}";

        CollectorOutput output = scan(catalogue(entry)).run();

        assertThat(results(output).get("Graph")).containsEntry("status", "FOUND")
                .containsEntry("url", base() + "/user/alice");
        // the name, then a random one to hold the FOUND against
        server.verify(1, postRequestedFor(urlEqualTo("/graphql")).withRequestBody(containing("\"alice\"")));
        server.verify(2, postRequestedFor(urlEqualTo("/graphql")));
    }

    @Test
    void sherlocksRealEntriesWorkAgainstLoopbackSites() throws Exception {
        Path sherlock = dir.resolve("data.json");
        Files.writeString(sherlock, CatalogueReadersTest.resource("sherlock-data.json"));
        server.stubFor(get("/bitbucket.org/alice/").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        server.stubFor(get("/www.avizo.cz/alice/").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://www.avizo.cz/")));
        server.stubFor(get("/www.1337x.to/user/alice/").willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>Error something went wrong.</title></head></html>")));
        server.stubFor(post("/graphql.anilist.co/").withRequestBody(containing("\"name\":\"alice\""))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":{\"User\":{\"id\":42}}}")));
        server.stubFor(get("/www.chess.com/callback/user/valid?username=alice").willReturn(aResponse().withStatus(200)
                .withBody("{\"valid\":true,\"message\":\"Username is valid\"}")));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));

        CollectorOutput output = scan(sherlock).setting(CatalogueLoader.BASE_URL, base()).run();

        assertThat(output.data()).containsEntry("sites_checked", 10); // APClips is NSFW, LibraryThing sends a cookie
        assertThat(status(output, "BitBucket")).isEqualTo("FOUND");
        assertThat(status(output, "Anilist")).isEqualTo("FOUND");
        assertThat(status(output, "Avizo")).isEqualTo("NOT_FOUND");
        assertThat(status(output, "1337x")).isEqualTo("NOT_FOUND");
        assertThat(status(output, "Chess")).isEqualTo("NOT_FOUND");
        assertThat(status(output, "Codeforces")).isEqualTo("NOT_FOUND");
        assertThat(output.entities()).extracting(Entity::value).containsExactlyInAnyOrder(
                base() + "/bitbucket.org/alice/", base() + "/anilist.co/user/alice/");
        assertThat(output.metadata().get("catalogue")).asString().contains("sherlock, 11 sites");
        assertThat(results(output).get("BitBucket")).containsEntry("catalogue", "sherlock")
                .containsEntry("check", "status_code")
                .containsEntry("matched", Map.of("status", 200, "final_url", base() + "/bitbucket.org/alice/"));
        assertThat(results(output).get("1337x")).containsEntry("check", "message").extractingByKey("matched")
                .isEqualTo(Map.of("status", 200, "string", "<title>Error something went wrong.</title>",
                        "final_url", base() + "/www.1337x.to/user/alice/"));
    }

    @Test
    void maigretsRealEntriesWorkAgainstLoopbackSites() throws Exception {
        Path maigret = dir.resolve("maigret.json");
        Files.writeString(maigret, CatalogueReadersTest.resource("maigret-data.json"));
        server.stubFor(get("/api.github.com/users/alice").willReturn(aResponse().withStatus(200)
                .withBody("{\"login\":\"alice\"}")));
        server.stubFor(get("/coddy.tech/user/alice").willReturn(aResponse().withStatus(200)
                .withBody("<html><title>404 - Page not found</title><meta property=\"og:title\"></html>")));
        server.stubFor(get("/forum.motorguia.net/members/?username=alice").willReturn(aResponse().withStatus(403)
                .withBody("<div class=\"memberHeader-content\">alice</div>You must be logged in to do that.")));
        server.stubFor(get("/forum.kicad.info/u/alice/summary").willReturn(aResponse().withStatus(200)
                .withBody("<meta name=\"generator\" content=\"Discourse 3.2\"><div class=\"wrap not-found-container\">"
                        + "Oops! That page doesn’t exist or is private.</div>")));
        server.stubFor(get("/www.instagram.com/api/v1/users/web_profile_info/?username=alice").willReturn(aResponse()
                .withStatus(200).withBody("<html><title>Login • Instagram</title></html>")));
        server.stubFor(get("/profiles.wordpress.org/alice/").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://wordpress.org")));

        CollectorOutput output = scan(maigret).setting(CatalogueLoader.BASE_URL, base()).run();

        // QQ checks ids, Vimeo needs activation, figshare is a search, YandexZenChannel sends a cookie,
        // MicrosoftTechNet is disabled
        assertThat(output.data()).containsEntry("sites_checked", 9);
        assertThat(status(output, "GitHub")).isEqualTo("FOUND");
        assertThat(status(output, "Coddy")).isEqualTo("NOT_FOUND");
        assertThat(status(output, "forum.motorguia.net")).isEqualTo("FOUND"); // ignore403: the page is read
        assertThat(status(output, "forum.kicad.info")).isEqualTo("NOT_FOUND");
        assertThat(results(output).get("Instagram")).containsEntry("status", "BLOCKED")
                .containsEntry("reason", "Login required");
        assertThat(status(output, "WordPressOrg")).isEqualTo("NOT_FOUND");
        assertThat(results(output).get("GitHub")).containsEntry("url", base() + "/github.com/alice")
                .containsEntry("rank", 10);
    }

    @Test
    void theBuiltInCatalogueRunsEndToEndAgainstOneLoopbackServer() throws Exception {
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404).withBody("Not Found")));
        server.stubFor(get("/www.github.com/alice").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        server.stubFor(get("/crates.io/api/v1/users/alice").willReturn(aResponse().withStatus(200)
                .withBody("{\"user\":{\"id\":1,\"login\":\"alice\"}}")));

        TestScanContext context = aScanOf(collector).target("alice").setting(CatalogueLoader.BASE_URL, base())
                .option("timeout_ms", 10_000).option("max_per_host", 50).build(); // every site shares this host
        CollectorOutput output = collector.collect(context);

        Map<String, Map<String, Object>> results = results(output);
        assertThat(results.size()).isGreaterThanOrEqualTo(450);
        assertThat(output.entities()).extracting(e -> e.attributes().get("site"))
                .containsExactlyInAnyOrder("GitHub", "crates.io");
        assertThat(results.get("GitHub")).containsEntry("catalogue", "sherlock");
        assertThat(results.get("crates.io")).containsEntry("catalogue", "osint");
        assertThat(results.values()).extracting(r -> r.get("status")).isSubsetOf("FOUND", "NOT_FOUND", "INVALID_USERNAME");
        List<Double> fractions = context.fractions();
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        assertThat(context.progress).last().asString().contains(results.size() + "/" + results.size() + " sites checked");
    }

    @Test
    void requestsInFlightStayWithinThePerHostAndTheOverallLimits() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer counting = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 50);
        counting.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        counting.createContext("/", exchange -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100); // long enough for the other checks to pile up behind the limit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        counting.start();
        try {
            String[] entries = new String[8];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = "{\"name\": \"S" + i + "\", \"url\": \"http://127.0.0.1:" + counting.getAddress().getPort()
                        + "/s" + i + "/{username}\", \"detect\": [\"status\"]}";
            }
            Path sites = catalogue(entries);

            scan(sites).option("max_per_host", 2).run();
            assertThat(most.get()).isBetween(1, 2);
            most.set(0);
            scan(sites).option("max_per_host", 8).option("max_concurrency", 3).run();
            assertThat(most.get()).isBetween(1, 3);
        } finally {
            counting.stop(0);
        }
    }

    @Test
    void tagsTopNAndSitesChooseWhatIsChecked() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        Path sites = catalogue(
                "{\"name\": \"Code\", \"url\": \"BASE/code/{username}\", \"detect\": [\"status\"], \"tags\": [\"coding\"], \"rank\": 2}",
                "{\"name\": \"Game\", \"url\": \"BASE/game/{username}\", \"detect\": [\"status\"], \"tags\": [\"gaming\"], \"rank\": 1}",
                "{\"name\": \"Both\", \"url\": \"BASE/both/{username}\", \"detect\": [\"status\"], \"tags\": [\"gaming\", \"coding\"], \"rank\": 3}",
                "{\"name\": \"Adult\", \"url\": \"BASE/adult/{username}\", \"detect\": [\"status\"], \"tags\": [\"gaming\"], \"nsfw\": true}");

        assertThat(results(scan(sites).option("tags", List.of("coding")).run()).keySet()).containsExactly("Code", "Both");
        assertThat(results(scan(sites).option("top_n", 2).run()).keySet()).containsExactly("Game", "Code");
        assertThat(results(scan(sites).option("sites", List.of("both", "Adult")).run()).keySet())
                .containsExactly("Both", "Adult");
        assertThat(results(scan(sites).option("include_nsfw", true).run()).keySet()).contains("Adult");
        assertThat(results(scan(sites).run()).keySet()).doesNotContain("Adult");
        assertThatThrownBy(() -> scan(sites).option("tags", List.of("cooking")).run())
                .isInstanceOf(CollectorException.class).hasMessageContaining("cooking");
        assertThatThrownBy(() -> scan(sites).option("sites", List.of("Nope")).run())
                .isInstanceOf(CollectorException.class).hasMessageContaining("Nope");
    }

    @Test
    void cancellingTheScanStopsEveryCheck() throws Exception {
        // a server of its own: its threads stay asleep on the abandoned requests until it stops
        WireMockServer slow = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slow.start();
        try {
            slow.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(PROFILE).withFixedDelay(5000)));
            String[] entries = new String[5];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = "{\"name\": \"Slow" + i + "\", \"url\": \"http://127.0.0.1:" + slow.port() + "/slow" + i
                        + "/{username}\", \"detect\": [\"status\"]}";
            }
            TestScanContext context = scan(catalogue(entries)).option("timeout_ms", 20_000).build();

            CompletableFuture<CollectorOutput> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return collector.collect(context);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> slow.getAllServeEvents().size() >= 1);
            context.cancel();

            // a guard against a hang, not a speed check: the sites would answer in 5 s, the timeout is 20 s
            assertThatThrownBy(() -> running.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(context.fractions()).doesNotContain(1.0);
        } finally {
            slow.stop();
        }
    }

    @Test
    void badSettingsAndOptionsFailWithAMessageNamingThem() throws Exception {
        assertThatThrownBy(() -> aScanOf(collector).target("alice")
                .setting(CatalogueLoader.SITES, dir.resolve("missing.json").toString()).run())
                .isInstanceOf(CollectorException.class).hasMessageContaining("OSINT_USERNAME_SITES")
                .hasMessageContaining("missing.json");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "<html>not json</html>");
        assertThatThrownBy(() -> aScanOf(collector).target("alice").setting(CatalogueLoader.SITES, garbage.toString()).run())
                .isInstanceOf(CollectorException.class).hasMessageContaining("not valid JSON");
        Path sites = catalogue(site("A", "/a/{username}", "\"detect\": [\"status\"]"));
        // options out of range are refused before the scan runs, by the options check
        assertThatThrownBy(() -> scan(sites).option("max_concurrency", 0).run())
                .isInstanceOf(dev.osint.core.Options.InvalidOptionsException.class)
                .hasMessageContaining("options.max_concurrency");
        assertThatThrownBy(() -> scan(sites).option("top_n", -1).run())
                .isInstanceOf(dev.osint.core.Options.InvalidOptionsException.class)
                .hasMessageContaining("options.top_n");
    }

    @Test
    void aCatalogueUrlIsFetchedOnceAndAPlusPutsItBesideTheBuiltInOne() throws Exception {
        server.stubFor(get("/catalogue.json").willReturn(aResponse().withStatus(200).withBody(
                Files.readString(catalogue(site("Remote", "/remote/{username}", "\"detect\": [\"status\"]"))))));
        server.stubFor(get("/remote/alice").willReturn(aResponse().withStatus(200).withBody(PROFILE)));
        String url = base() + "/catalogue.json?run=" + System.nanoTime();
        server.stubFor(get(urlEqualTo(url.substring(base().length()))).willReturn(aResponse().withStatus(200).withBody(
                Files.readString(catalogue(site("Remote", "/remote/{username}", "\"detect\": [\"status\"]"))))));

        CollectorOutput replaced = aScanOf(collector).target("alice").setting(CatalogueLoader.SITES, url).run();
        CollectorOutput beside = aScanOf(collector).target("alice").setting(CatalogueLoader.SITES, "+" + url)
                .option("sites", List.of("Remote", "GitHub")).option("timeout_ms", 300).run();

        assertThat(results(replaced).keySet()).containsExactly("Remote");
        assertThat(results(beside).keySet()).containsExactly("Remote", "GitHub");
        assertThat(beside.metadata().get("catalogue")).asString().contains("bundled Sherlock catalogue", url);
        server.verify(1, getRequestedFor(urlEqualTo(url.substring(base().length()))));
    }

    @Test
    void aCatalogueUrlThatFailsNamesTheSettingAndIsRetriedOnlyWhenItDidNotAnswer() throws Exception {
        server.stubFor(get("/gone.json").willReturn(aResponse().withStatus(404)));
        String gone = base() + "/gone.json";
        String silent;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            silent = "http://127.0.0.1:" + closed.getLocalPort() + "/catalogue.json";
        }

        assertThatThrownBy(() -> aScanOf(collector).target("alice").setting(CatalogueLoader.SITES, gone).run())
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage("OSINT_USERNAME_SITES: " + gone + " answered HTTP 404");
        assertThatThrownBy(() -> aScanOf(collector).target("alice").setting(CatalogueLoader.SITES, silent).run())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("OSINT_USERNAME_SITES: cannot fetch " + silent + " (");
    }
}
