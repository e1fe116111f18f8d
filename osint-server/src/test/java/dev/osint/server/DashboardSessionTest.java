package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's session from outside: the cookie it sets, whom it stands for, the cross-site rules, logout. */
class DashboardSessionTest {
    private static final String ALICE = ApiKeysTest.ALICE_KEY;
    private static final String OPS = ApiKeysTest.ROOT_KEY;
    private static final String SUBMIT = "{\"target\": \"example.com\", \"type\": \"echo\"}";
    private static final String DASHBOARD = "X-Requested-With";
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().with(new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of())))
                .withSettings(Map.of("OSINT_API_KEYS", "alice:" + ALICE + ",ops:" + OPS + ";admin",
                        "OSINT_QUOTA_SUBMITS_PER_MINUTE", "3"))
                .start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> request(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.sendAsIs(request);
    }

    private static HttpResponse<String> login(String key, String... headers) {
        List<String> all = new ArrayList<>(List.of(DASHBOARD, "osint-dashboard"));
        all.addAll(List.of(headers));
        return request("POST", "/api/v1/session", "{\"api_key\": \"" + key + "\"}", all.toArray(String[]::new));
    }

    /** The {@code name=value} part of the session's Set-Cookie, to send back as a Cookie header. */
    private static String cookieOf(HttpResponse<String> login) {
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return setCookie(login).split(";")[0];
    }

    private static String setCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("osint_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
    }

    private static String origin() {
        return "http://127.0.0.1:" + api.server.port();
    }

    private static void assertCrossSite(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(403);
        assertThat(json(response).get("type").asText()).as(what).isEqualTo("urn:osint:problem:cross-site-request");
    }

    @Test
    void aRightKeyOpensASessionWhoseCookieIsHttpOnlyStrictAndHoldsARandomIdNotTheKey() {
        HttpResponse<String> login = login(ALICE, "Origin", origin());

        String cookie = setCookie(login);
        assertThat(cookie).matches("osint_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict")
                .doesNotContain(ALICE);
        assertThat(login.body()).doesNotContain(ALICE);
        assertThat(json(login).get("caller").asText()).isEqualTo("alice");
        assertThat(json(login).get("admin").asBoolean()).isFalse();
        assertThat(json(login).get("idle_timeout_s").asLong()).isEqualTo(1800);
        assertThat(cookieOf(login(ALICE))).as("a new id each time").isNotEqualTo(cookie.split(";")[0]);

        assertThat(setCookie(login(ALICE, "X-Forwarded-Proto", "https"))).as("behind a TLS proxy").endsWith("; Secure");
    }

    @Test
    void aWrongOrMissingKeyOpensNoSession() {
        HttpResponse<String> wrong = login(ALICE + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).doesNotContain(ALICE);
        assertThat(json(wrong).get("type").asText()).isEqualTo("urn:osint:problem:unauthorized");

        assertThat(request("POST", "/api/v1/session", "{}", DASHBOARD, "x").statusCode()).isEqualTo(422);
        HttpResponse<String> malformed = request("POST", "/api/v1/session", "{\"api_key\": " + ALICE + "}",
                DASHBOARD, "x");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).as("the parser's message would quote the key").doesNotContain(ALICE);
    }

    @Test
    void theCookieIsTheKeysCallerWithItsOwnerAdminMarkAndQuotas() {
        String alice = cookieOf(login(ALICE));
        String ops = cookieOf(login(OPS));

        assertThat(request("GET", "/api/v1/collectors", null, "Cookie", alice).statusCode()).isEqualTo(200);
        assertThat(json(request("GET", "/api/v1/session", null, "Cookie", ops)).get("admin").asBoolean()).isTrue();
        assertThat(json(request("GET", "/api/v1/session", null, "Cookie", ops)).get("session").asBoolean()).isTrue();
        assertThat(json(request("GET", "/api/v1/session", null, "X-API-Key", OPS)).get("session").asBoolean())
                .isFalse();
        HttpResponse<String> submitted = request("POST", "/api/v1/scan", SUBMIT, "Cookie", alice, DASHBOARD,
                "osint-dashboard", "Origin", origin());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(api.scans.status(json(submitted).get("task_id").asText()).orElseThrow().owner())
                .isEqualTo("alice");

        // the key and its session share one quota of 3 scans a minute: 1 spent above, 2 more by the key
        for (int i = 0; i < 2; i++) {
            assertThat(request("POST", "/api/v1/scan", SUBMIT, "Authorization", "Bearer " + ALICE).statusCode())
                    .isEqualTo(200);
        }
        assertThat(request("POST", "/api/v1/scan", SUBMIT, "Cookie", alice, DASHBOARD, "x").statusCode())
                .isEqualTo(429);
    }

    @Test
    void aCookieRequestThatChangesSomethingNeedsTheHeaderAndThisServersOrigin() {
        String cookie = cookieOf(login(OPS));
        String task = json(request("POST", "/api/v1/scan", SUBMIT, "X-API-Key", OPS)).get("task_id").asText();

        assertCrossSite(request("POST", "/api/v1/scan", SUBMIT, "Cookie", cookie), "no X-Requested-With");
        assertCrossSite(request("POST", "/api/v1/scan", SUBMIT, "Cookie", cookie, DASHBOARD, "x", "Origin",
                "http://evil.example"), "another site's Origin");
        assertCrossSite(request("POST", "/api/v1/scan", SUBMIT, "Cookie", cookie, DASHBOARD, "x", "Origin",
                "http://127.0.0.1:1"), "another port");
        assertCrossSite(request("POST", "/api/v1/scan", SUBMIT, "Cookie", cookie, DASHBOARD, "x", "Origin", "null"),
                "an opaque origin");
        assertCrossSite(request("POST", "/api/v1/scan", SUBMIT, "Cookie", cookie, DASHBOARD, "x", "Referer",
                "http://evil.example/page"), "another site's Referer");
        assertCrossSite(request("DELETE", "/api/v1/scan/" + task, null, "Cookie", cookie), "a DELETE");
        assertCrossSite(request("GET", "/api/v1/scan/" + task + "/cancel", null, "Cookie", cookie),
                "the GET that cancels");
        assertCrossSite(request("POST", "/api/v1/session", "{\"api_key\": \"" + ALICE + "\"}", "Origin",
                origin()), "a login without the header");
        assertCrossSite(login(ALICE, "Origin", "http://evil.example"), "a login from another site");
        assertCrossSite(request("DELETE", "/api/v1/session", null, "Cookie", cookie), "a logout without the header");

        assertThat(request("GET", "/api/v1/scan/" + task, null, "Cookie", cookie).statusCode())
                .as("reading needs no header").isEqualTo(200);
        assertThat(request("POST", "/api/v1/scan/" + task + "/cancel", null, "Cookie", cookie, DASHBOARD, "x",
                "Referer", origin() + "/#/task/" + task).statusCode()).as("this server's Referer").isEqualTo(200);
        assertThat(request("POST", "/api/v1/scan/" + task + "/cancel", null, "Cookie", cookie, DASHBOARD, "x",
                "Origin", "https://osint.example", "X-Forwarded-Host", "osint.example").statusCode())
                .as("behind a proxy that names the host").isEqualTo(200);
        assertThat(request("POST", "/api/v1/scan/" + task + "/cancel", null, "X-API-Key", OPS, "Origin",
                "http://evil.example").statusCode()).as("a key in a header is not a cookie").isEqualTo(200);
        assertThat(request("GET", "/metrics", null, "X-API-Key", OPS).body())
                .containsPattern("osint_requests_refused_total\\{reason=\"cross_site\"} [1-9]");
    }

    @Test
    void logoutEndsTheSessionAndDropsTheCookie() {
        String cookie = cookieOf(login(ALICE));

        HttpResponse<String> logout = request("DELETE", "/api/v1/session", null, "Cookie", cookie, DASHBOARD, "x",
                "Origin", origin());

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(setCookie(logout)).startsWith("osint_session=; Max-Age=0;");
        HttpResponse<String> after = request("GET", "/api/v1/collectors", null, "Cookie", cookie);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).get("detail").asText()).contains("session has ended");
        assertThat(request("GET", "/api/v1/session", null, "Cookie", cookie).statusCode()).isEqualTo(401);
        assertThat(request("GET", "/api/v1/collectors", null, "Cookie", "osint_session=made-up").statusCode())
                .isEqualTo(401);
    }

    @Test
    void withoutKeysThereIsNoSessionToOpen() {
        try (ApiFixture open = anApi().start()) {
            HttpResponse<String> answer = open.sendAsIs(HttpRequest.newBuilder(open.uri("/api/v1/session"))
                    .header(DASHBOARD, "x").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + ALICE + "\"}")));
            assertThat(answer.statusCode()).isEqualTo(409);
        }
    }
}
