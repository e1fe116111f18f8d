package dev.osint.collectors.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocialCollectorTest extends CollectorTestBase {
    private static final List<String> PREFIXES = List.of("GITHUB", "GITLAB", "REDDIT", "HACKERNEWS", "MASTODON",
            "BLUESKY", "KEYBASE", "GRAVATAR");

    @Override
    protected Collector collector() {
        return new SocialCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "SOCIAL";
    }

    /** Every platform's base URL points at the one WireMock server: their paths do not overlap. */
    @Override
    protected TestScanContext.Builder aScan() {
        TestScanContext.Builder scan = super.aScan();
        PREFIXES.forEach(prefix -> scan.setting("OSINT_" + prefix + "_BASE_URL", upstream.baseUrl()));
        return scan;
    }

    private String mastodonDomain() {
        return java.net.URI.create(upstream.baseUrl()).getHost();
    }

    private void everyPlatformKnows(String name) {
        stubGet("/users/" + name, 200, "github-user.json");
        stub(get(urlPathEqualTo("/api/v4/users")).withQueryParam("username", WireMock.equalTo(name))
                .willReturn(answerFromFile(200, "gitlab-users-search.json")));
        stubGet("/api/v4/users/1", 200, "gitlab-user.json");
        stubGet("/user/" + name + "/about.json", 200, "reddit-about.json");
        stubGet("/v0/user/" + name + ".json", 200, "hackernews-user.json");
        stub(get(urlPathEqualTo("/.well-known/webfinger"))
                .withQueryParam("resource", WireMock.equalTo("acct:" + name + "@" + mastodonDomain()))
                .willReturn(answerFromFile(200, "mastodon-webfinger.json")));
        stub(get(urlPathEqualTo("/api/v1/accounts/lookup")).withQueryParam("acct", WireMock.equalTo(name))
                .willReturn(answerFromFile(200, "mastodon-account.json")));
        stub(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile"))
                .withQueryParam("actor", WireMock.equalTo(name + ".bsky.social"))
                .willReturn(answerFromFile(200, "bluesky-profile.json")));
        stub(get(urlPathEqualTo("/_/api/1.0/user/lookup.json")).withQueryParam("usernames", WireMock.equalTo(name))
                .willReturn(answerFromFile(200, "keybase-user.json")));
        stubGet("/" + name + ".json", 200, "gravatar-profile.json");
    }

    private void noPlatformKnows(String name) {
        stubGet("/users/" + name, 404, "github-not-found.json");
        stubGet("/api/v4/users", 200, "gitlab-users-empty.json");
        stubGet("/user/" + name + "/about.json", 404, "reddit-not-found.json");
        stubGet("/v0/user/" + name + ".json", 200, "hackernews-null.json");
        stub(get(urlPathEqualTo("/.well-known/webfinger")).willReturn(aResponse().withStatus(404)));
        stubGet("/xrpc/app.bsky.actor.getProfile", 400, "bluesky-profile-not-found.json");
        stubGet("/_/api/1.0/user/lookup.json", 200, "keybase-not-found.json");
        stubGet("/" + name + ".json", 404, "gravatar-not-found.json");
    }

    /** A page on the WireMock server by its address: "localhost" is no valid URL target (one label). */
    private String page(String path) {
        return "http://127.0.0.1:" + upstream.port() + path;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> profiles(CollectorOutput output) {
        return (List<Map<String, Object>>) output.data().get("profiles");
    }

    @Test
    void aUsernameKnownEverywhereGivesOneProfilePerPlatform() throws Exception {
        everyPlatformKnows("octocat");

        CollectorOutput output = aScan().target("octocat").run();

        assertThat(output.success()).isTrue();
        assertThat(profiles(output)).extracting(p -> p.get("platform"), p -> p.get("url")).containsExactly(
                tuple("github", "https://github.com/octocat"),
                tuple("gitlab", "http://localhost:3000/john_smith"),
                tuple("reddit", "https://www.reddit.com/user/spez/"),
                tuple("hackernews", "https://news.ycombinator.com/user?id=jl"),
                tuple("mastodon", "https://mastodon.social/@Gargron"),
                tuple("bluesky", "https://bsky.app/profile/bsky.app"),
                tuple("keybase", "https://keybase.io/chris"),
                tuple("gravatar", "http://gravatar.com/floverdevel"));
        assertThat(output.data().get("not_found")).isEqualTo(List.of());
        assertThat(output.data().get("errors")).isEqualTo(Map.of());
    }

    @Test
    void entitiesNameAccountsLinksLocationsAndPublishedEmails() throws Exception {
        everyPlatformKnows("octocat");

        CollectorOutput output = aScan().target("octocat").option("platforms", List.of("github")).run();

        assertThat(output.entities()).extracting(Entity::kind, Entity::value).containsExactly(
                tuple(EntityKind.ACCOUNT, "https://github.com/octocat"),
                tuple(EntityKind.URL, "https://github.blog"),
                tuple(EntityKind.URL, "https://twitter.com/octocat"),
                tuple(EntityKind.URL, "https://octocat.example/notes"),
                tuple(EntityKind.LOCATION, "San Francisco"),
                tuple(EntityKind.EMAIL, "octocat@github.com"));
        assertThat(output.entities().getFirst().attributes()).isEqualTo(
                Map.of("platform", "github", "username", "octocat", "display_name", "The Octocat"));
    }

    @Test
    void aUsernameKnownNowhereIsNotFoundOnEveryPlatform() throws Exception {
        noPlatformKnows("nobody-here");

        CollectorOutput output = aScan().target("nobody-here").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason")).isEqualTo("no profile found for the username nobody-here");
        assertThat(output.data().get("not_found")).isEqualTo(Platforms.NAMES);
        assertThat(output.data().get("errors")).isEqualTo(Map.of());
    }

    @Test
    void onePlatformsErrorIsRecordedAgainstItAlone() throws Exception {
        noPlatformKnows("octocat");
        stubGet("/users/octocat", 200, "github-user.json");
        stubGet("/user/octocat/about.json", 429, "reddit-too-many-requests.json", "Retry-After", "7");
        stubGet("/xrpc/app.bsky.actor.getProfile", 502, "bluesky-upstream-failure.json");
        stubGet("/_/api/1.0/user/lookup.json", 200, "keybase-input-error.json");

        CollectorOutput output = aScan().target("octocat").run();

        assertThat(output.success()).isTrue();
        assertThat(profiles(output)).extracting(p -> p.get("platform")).containsExactly("github");
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) output.data().get("errors");
        assertThat(errors).containsOnlyKeys("reddit", "bluesky", "keybase");
        assertThat(errors.get("reddit")).contains("Reddit is rate limiting requests (HTTP 429)", "7 s");
        assertThat(errors.get("bluesky")).contains("Bluesky is unavailable (HTTP 502)");
        assertThat(errors.get("keybase")).contains("status 100", "bad list value for usernames");
        assertThat(output.data().get("not_found")).isEqualTo(List.of("gitlab", "hackernews", "mastodon", "gravatar"));
    }

    @Test
    void whenEveryPlatformFailsTheScanIsRetried() throws Exception {
        stub(get(anyUrl()).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> aScan().target("octocat").option("platforms", List.of("github", "reddit")).run())
                .isInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("every platform failed")
                .hasMessageContaining("GitHub is unavailable (HTTP 503)")
                .hasMessageContaining("Reddit is unavailable (HTTP 503)");
    }

    @Test
    void githubsRateLimit403IsWorthARetry() throws Exception {
        stubGet("/users/octocat", 403, "github-rate-limited.json", "x-ratelimit-remaining", "0");

        assertThatThrownBy(() -> aScan().target("octocat").option("platforms", List.of("github")).run())
                .isInstanceOf(RetryableCollectorException.class).hasMessageContaining("HTTP 403");
    }

    @Test
    void aMalformedAnswerIsAFinalErrorForThatPlatform() throws Exception {
        stub(get(urlPathEqualTo("/v0/user/jl.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"jl\", ")));

        assertThatThrownBy(() -> aScan().target("jl").option("platforms", List.of("hackernews")).run())
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("Hacker News sent a malformed answer");
    }

    @Test
    void onlyTheChosenPlatformsAreAsked() throws Exception {
        everyPlatformKnows("octocat");

        CollectorOutput output = aScan().target("octocat").option("platforms", List.of("keybase", "bluesky")).run();

        assertThat(profiles(output)).extracting(p -> p.get("platform")).containsExactly("keybase", "bluesky");
        assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
                .allMatch(url -> url.startsWith("/_/api/") || url.startsWith("/xrpc/"));
    }

    @Test
    void anUnknownPlatformIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> aScan().target("octocat").option("platforms", List.of("myspace")).run())
                .isExactlyInstanceOf(dev.osint.core.Options.InvalidOptionsException.class)
                .hasMessageContaining("options.platforms: item 0: must be one of [github, gitlab");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void anEmailGoesToGravatarAsItsSha256Only() throws Exception {
        String hash = GravatarSource.hash("floverdevel@example.com");
        stubGet("/" + hash + ".json", 200, "gravatar-profile.json");

        CollectorOutput output = aScan().target("FloverDevel@example.com").run();

        assertThat(profiles(output)).extracting(p -> p.get("platform"), p -> p.get("username"))
                .containsExactly(tuple("gravatar", "floverdevel"));
        assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
                .containsExactly("/" + hash + ".json");
        assertThat(output.entities()).extracting(Entity::kind, Entity::value)
                .contains(tuple(EntityKind.EMAIL, "floverdevel@example.com"));
    }

    @Test
    void anEmailsLocalPartCanBeTriedAsAUsername() throws Exception {
        stubGet("/" + GravatarSource.hash("octocat@example.com") + ".json", 404, "gravatar-not-found.json");
        stubGet("/users/octocat", 200, "github-user.json");
        stubGet("/v0/user/octocat.json", 200, "hackernews-null.json");

        CollectorOutput output = aScan().target("octocat@example.com").option("try_local_part", true)
                .option("platforms", List.of("gravatar", "github", "hackernews")).run();

        assertThat(profiles(output)).extracting(p -> p.get("platform")).containsExactly("github");
        assertThat(output.data().get("not_found")).isEqualTo(List.of("gravatar", "hackernews"));
    }

    @Test
    void anEmailWithoutGravatarNorLocalPartHasNothingToAsk() {
        assertThatThrownBy(() -> aScan().target("a@example.com").option("platforms", List.of("github")).run())
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class).hasMessageContaining("try_local_part");
    }

    @Test
    void aMastodonAccountThatWebfingerDoesNotKnowIsNotLookedUp() throws Exception {
        stub(get(urlPathEqualTo("/.well-known/webfinger")).willReturn(aResponse().withStatus(404)));

        CollectorOutput output = aScan().target("ghost").option("platforms", List.of("mastodon")).run();

        assertThat(output.success()).isFalse();
        assertThat(upstream.findAll(getRequestedFor(urlPathEqualTo("/api/v1/accounts/lookup")))).isEmpty();
    }

    @Test
    void aProfilePageIsReadThroughTheGuardWhenTheOperatorAllowsItsAddress() throws Exception {
        stubGet("/@ada", 200, "profile-page.html");

        CollectorOutput output = aScan().target(page("/@ada"))
                .setting("OSINT_SSRF_ALLOW", "127.0.0.1/32").run();

        assertThat(profiles(output)).extracting(p -> p.get("platform"), p -> p.get("username"), p -> p.get("followers"))
                .containsExactly(tuple("Example Social", "ada", 1337L));
        assertThat(output.entities()).extracting(Entity::kind, Entity::value)
                .contains(tuple(EntityKind.ACCOUNT, "https://social.example/@ada"),
                        tuple(EntityKind.LOCATION, "London"));
    }

    @Test
    void aPageThatIsNoProfileIsNotFound() throws Exception {
        stubGet("/welcome", 200, "plain-page.html");

        CollectorOutput output = aScan().target(page("/welcome"))
                .setting("OSINT_SSRF_ALLOW", "127.0.0.1/32").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason").toString()).contains("no OpenGraph profile tags nor a JSON-LD Person");
    }

    @Test
    void aMissingPageIsNotFound() throws Exception {
        stub(get(urlPathEqualTo("/@gone")).willReturn(aResponse().withStatus(404)));

        CollectorOutput output = aScan().target(page("/@gone"))
                .setting("OSINT_SSRF_ALLOW", "127.0.0.1/32").run();

        assertThat(output.success()).isFalse();
        assertThat(output.metadata().get("reason").toString()).contains("HTTP 404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.8/admin",
            "http://[::1]/", "http://192.168.1.1/"})
    void aProfileUrlOnAnInternalAddressIsRefused(String url) {
        // (names like localhost and numbers like 2130706433 never get here: the target parser refuses them)
        String port = ":" + upstream.port();
        String target = url.replaceFirst("(//[^/]+)/", "$1" + port + "/");

        assertThatThrownBy(() -> aScan().target(target).run())
                .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("refused to fetch");
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }
}
