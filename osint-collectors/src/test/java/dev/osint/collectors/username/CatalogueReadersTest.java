package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each reader field for field, on excerpts of Sherlock's and Maigret's real files. */
class CatalogueReadersTest {

    static String resource(String name) throws IOException {
        try (InputStream in = CatalogueReadersTest.class.getResourceAsStream("/username/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Site> byName(SiteCatalogue catalogue) {
        return catalogue.sites().stream().collect(Collectors.toMap(Site::name, Function.identity()));
    }

    @Test
    void sherlocksDataJsonIsReadAsSherlockReadsIt() throws IOException {
        SiteCatalogue catalogue = CatalogueLoader.parse(resource("sherlock-data.json"), "sherlock.json");
        Map<String, Site> sites = byName(catalogue);

        assertThat(catalogue.sources()).containsExactly("sherlock.json (sherlock, 11 sites)");
        assertThat(sites).doesNotContainKey("$schema");

        Site leet = sites.get("1337x");
        assertThat(leet.profileUrlFor("alice")).isEqualTo("https://www.1337x.to/user/alice/");
        assertThat(leet.detections()).singleElement().satisfies(d -> {
            assertThat(d.catalogue()).isEqualTo("sherlock");
            assertThat(d.check()).isEqualTo("message");
            assertThat(d.methods()).containsExactly(Method.ABSENCE);
            assertThat(d.absenceStrings()).containsExactly("<title>Error something went wrong.</title>",
                    "<head><title>404 Not Found</title></head>");
        });
        assertThat(leet.allows("alice")).isTrue();
        assertThat(leet.allows("al")).isFalse();
        assertThat(leet.usernameClaimed()).isEqualTo("FitGirl");
        assertThat(leet.followsRedirects()).isTrue();

        Site anilist = sites.get("Anilist");
        assertThat(anilist.method()).isEqualTo("POST");
        assertThat(anilist.requestUrlFor("alice")).isEqualTo("https://graphql.anilist.co/");
        assertThat(anilist.profileUrlFor("alice")).isEqualTo("https://anilist.co/user/alice/");
        assertThat(anilist.bodyFor("alice"))
                .isEqualTo("{\"query\":\"query($name:String){User(name:$name){id}}\",\"variables\":{\"name\":\"alice\"}}");
        assertThat(anilist.headers()).containsEntry("Content-Type", "application/json"); // requests' json=

        Site avizo = sites.get("Avizo");
        assertThat(avizo.detections().get(0).methods()).containsExactly(Method.REDIRECT);
        assertThat(avizo.detections().get(0).notFoundUrl()).isEqualTo("https://www.avizo.cz/");
        assertThat(avizo.followsRedirects()).isFalse();

        Site bitbucket = sites.get("BitBucket");
        assertThat(bitbucket.detections().get(0).methods()).containsExactly(Method.STATUS);
        assertThat(bitbucket.method()).isEqualTo("GET"); // Sherlock sends HEAD; the body is read for walls
        assertThat(bitbucket.rank()).isNull();

        assertThat(sites.get("Slides").detections().get(0).notFoundStatuses()).containsExactly(204);
        assertThat(sites.get("Chess").requestUrlFor("alice"))
                .isEqualTo("https://www.chess.com/callback/user/valid?username=alice");
        assertThat(sites.get("APClips").nsfw()).isTrue();
        assertThat(sites.get("BitBucket").nsfw()).isFalse();
        // a Python quantifier Java spells differently, and \w over every script as in Python 3
        assertThat(sites.get("HackenProof (Hackers)").allows("Ünal-1")).isTrue();
        assertThat(sites.get("HackenProof (Hackers)").allows("a".repeat(35))).isFalse();
        // the name only in the POST body
        assertThat(sites.get("Discord").profileUrl()).isEqualTo("https://discord.com");
        assertThat(sites.get("Discord").bodyFor("alice")).isEqualTo("{\"username\":\"alice\"}");
        assertThat(catalogue.warnings()).singleElement().asString()
                .contains("'LibraryThing'", "credential header (Cookie)");
    }

    @Test
    void maigretsDataJsonIsReadAsMaigretReadsItWithItsEngines() throws IOException {
        SiteCatalogue catalogue = CatalogueLoader.parse(resource("maigret-data.json"), "maigret.json");
        Map<String, Site> sites = byName(catalogue);

        assertThat(catalogue.sources()).containsExactly("maigret.json (maigret, 10 sites)");
        assertThat(catalogue.warnings()).hasSize(4)
                .anyMatch(w -> w.contains("'QQ'") && w.contains("qq_id"))
                .anyMatch(w -> w.contains("'Vimeo'") && w.contains("activation"))
                .anyMatch(w -> w.contains("'figshare'") && w.contains("similar names"))
                .anyMatch(w -> w.contains("'YandexZenChannel'") && w.contains("Cookie"));

        Site github = sites.get("GitHub");
        assertThat(github.requestUrlFor("alice")).isEqualTo("https://api.github.com/users/alice");
        assertThat(github.profileUrlFor("alice")).isEqualTo("https://github.com/alice");
        assertThat(github.rank()).isEqualTo(10);
        assertThat(github.tags()).containsExactly("business", "coding", "networking");
        assertThat(github.allows("alice")).isTrue();
        assertThat(github.allows("-alice")).isFalse();
        assertThat(github.usernameUnclaimed()).isEqualTo("noonewouldeverusethis7");

        Site coddy = sites.get("Coddy");
        assertThat(coddy.detections().get(0).methods()).containsExactlyInAnyOrder(Method.ABSENCE, Method.PRESENCE);
        assertThat(coddy.detections().get(0).absenceStrings()).containsExactly("404 - Page not found");
        assertThat(coddy.detections().get(0).check()).isEqualTo("message");

        Site xenforo = sites.get("forum.motorguia.net");
        assertThat(xenforo.profileUrlFor("alice")).isEqualTo("https://forum.motorguia.net/members/?username=alice");
        assertThat(xenforo.ignore403()).isTrue();
        assertThat(xenforo.detections().get(0).presenceStrings()).contains("memberHeader-content");

        Site discourse = sites.get("forum.kicad.info");
        assertThat(discourse.profileUrlFor("alice")).isEqualTo("https://forum.kicad.info/u/alice/summary");
        assertThat(discourse.detections().get(0).absenceStrings()).contains("Oops! That page doesn’t exist or is private.");

        Site instagram = sites.get("Instagram");
        assertThat(instagram.headers()).containsEntry("x-ig-app-id", "936619743392459");
        assertThat(instagram.walls()).containsEntry("Login • Instagram", "Login required");

        assertThat(sites.get("WordPressOrg").detections().get(0).methods()).containsExactly(Method.REDIRECT);
        assertThat(sites.get("MicrosoftTechNet").disabled()).isTrue();
        assertThat(catalogue.select(List.of(), List.of(), 0, false)).extracting(Site::name)
                .doesNotContain("MicrosoftTechNet");
    }

    @Test
    void maigretsPostEntriesAreSentAsPostWithTheirPayloadsFormattedAsPythonDoes() throws IOException {
        Map<String, Site> sites = byName(CatalogueLoader.parse(resource("maigret-data.json"), "maigret.json"));

        Site leetcode = sites.get("LeetCode");
        assertThat(leetcode.method()).isEqualTo("POST");
        assertThat(leetcode.requestUrlFor("alice")).isEqualTo("https://leetcode.com/graphql/");
        var body = Json.mapper().readTree(leetcode.bodyFor("alice"));
        assertThat(body.path("query").asText()).isEqualTo("{ matchedUser(username: \"alice\") { username profile"
                + " { realName aboutMe userAvatar countryName company school ranking } } }");
        assertThat(leetcode.headers()).containsEntry("Content-Type", "application/json");

        Site discord = sites.get("Discord");
        assertThat(discord.method()).isEqualTo("POST");
        assertThat(discord.bodyFor("alice")).isEqualTo("{\"username\":\"alice\"}");
        assertThat(discord.walls()).containsEntry("The resource is being rate limited", "Rate limited");
    }

    @Test
    void urlMainIsFilledWithItsSlashAndDoubledSlashesAreCollapsedAsMaigretDoes() throws IOException {
        Map<String, Site> sites = byName(CatalogueLoader.parse(resource("maigret-data.json"), "maigret.json"));

        assertThat(sites.get("Rutracker").profileUrlFor("alice"))
                .isEqualTo("https://rutracker.org/forum/profile.php?mode=viewprofile&u=alice");
        assertThat(sites.get("forum.kicad.info").profileUrl()).isEqualTo("https://forum.kicad.info/u/{username}/summary");
    }

    @Test
    void whatTheProjectsFormatWritesItReadsBack() throws IOException {
        SiteCatalogue maigret = CatalogueLoader.parse(resource("maigret-data.json"), "maigret.json");
        String written = CatalogueWriter.write(Map.of("catalogue", "maigret"), maigret.sites(), List.of());

        SiteCatalogue again = CatalogueLoader.parse(written, "again.json");

        assertThat(again.sites()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("source", "usernamePattern")
                .containsExactlyElementsOf(maigret.sites());
        assertThat(again.sites()).extracting(s -> s.usernamePattern() == null ? null : s.usernamePattern().pattern())
                .containsExactlyElementsOf(maigret.sites().stream()
                        .map(s -> s.usernamePattern() == null ? null : s.usernamePattern().pattern()).toList());
    }

    @Test
    void aBrokenEntryIsSkippedWithAWarningThatNamesIt() {
        String json = """
                {"format": "osint-username-sites/1", "sites": [
                  {"name": "Good", "url": "https://good.example/{username}", "detect": ["status"], "tags": ["x"]},
                  {"name": "NoPlaceholder", "url": "https://bad.example/profile", "detect": ["status"]},
                  {"name": "BadRegex", "url": "https://bad.example/{username}", "detect": ["status"], "username_pattern": "(["},
                  {"name": "BadDetect", "url": "https://bad.example/{username}", "detect": ["guess"]},
                  {"name": "AbsenceWithoutStrings", "url": "https://bad.example/{username}", "detect": ["absence"]},
                  {"name": "Token", "url": "https://bad.example/{username}", "detect": ["status"],
                   "headers": {"Authorization": "Bearer abc"}}
                ]}""";
        SiteCatalogue catalogue = CatalogueLoader.parse(json, "mine.json");

        assertThat(catalogue.sites()).extracting(Site::name).containsExactly("Good");
        assertThat(catalogue.warnings()).hasSize(5)
                .anyMatch(w -> w.contains("'NoPlaceholder'") && w.contains("place for the name"))
                .anyMatch(w -> w.contains("'BadRegex'") && w.contains("does not compile"))
                .anyMatch(w -> w.contains("'BadDetect'") && w.contains("guess"))
                .anyMatch(w -> w.contains("'AbsenceWithoutStrings'"))
                .anyMatch(w -> w.contains("'Token'") && w.contains("credential"));
    }

    @Test
    void whatIsNotACatalogueFailsWithAMessageNamingTheSourceAndTheFormats() {
        assertThatThrownBy(() -> CatalogueLoader.parse("{not json", "broken.json"))
                .isInstanceOf(CollectorException.class).hasMessageContaining("broken.json is not valid JSON");
        assertThatThrownBy(() -> CatalogueLoader.parse("{\"hello\": \"world\"}", "odd.json"))
                .isInstanceOf(CollectorException.class).hasMessageContaining("odd.json is not a site catalogue")
                .hasMessageContaining("Sherlock").hasMessageContaining("Maigret");
        assertThatThrownBy(() -> CatalogueLoader.parse("[1, 2]", "array.json"))
                .isInstanceOf(CollectorException.class).hasMessageContaining("not a site catalogue");
        assertThatThrownBy(() -> CatalogueLoader.parse("{\"format\": \"osint-username-sites/1\", \"sites\": []}",
                "empty.json")).isInstanceOf(CollectorException.class).hasMessageContaining("no usable site");
    }

    @Test
    void aNameGoesIntoATemplateAsOneValueWhereverTheTemplatePutsIt() {
        assertThat(NameTemplate.url("https://x.example/u/{username}", "a/b?c#d")).isEqualTo("https://x.example/u/a%2Fb%3Fc%23d");
        assertThat(NameTemplate.url("https://x.example/u/{username}", "..")).isEqualTo("https://x.example/u/%2E%2E");
        assertThat(NameTemplate.url("https://x.example/u/{username}", "j.doe")).isEqualTo("https://x.example/u/j.doe");
        assertThat(NameTemplate.url("https://x.example/u/{username}", "Ünal")).isEqualTo("https://x.example/u/%C3%9Cnal");
        assertThat(NameTemplate.url("https://x.example/search?q={username}&x=1", "a&b=c"))
                .isEqualTo("https://x.example/search?q=a%26b%3Dc&x=1");
        assertThat(NameTemplate.url("https://{username}.blog.example/", "Alice-1")).isEqualTo("https://Alice-1.blog.example/");
        assertThatThrownBy(() -> NameTemplate.url("https://{username}.blog.example/", "evil.com/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host name");
        assertThat(NameTemplate.fits("https://{username}.blog.example/", "a_b")).isFalse();
        assertThat(NameTemplate.body("{\"name\":\"{username}\"}", "a\"b")).isEqualTo("{\"name\":\"a\\\"b\"}");
        assertThat(NameTemplate.body("user={username}&x=1", "a&b")).isEqualTo("user=a%26b&x=1");
    }
}
