package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.CollectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
    void sherlocksDataJsonIsReadFieldForField() throws IOException {
        SiteCatalogue catalogue = CatalogueLoader.parse(resource("sherlock-data.json"), "sherlock.json");
        Map<String, Site> sites = byName(catalogue);

        assertThat(catalogue.sources()).containsExactly("sherlock.json (sherlock, 8 sites)");
        assertThat(catalogue.warnings()).isEmpty();
        assertThat(sites).doesNotContainKey("$schema");

        Site leet = sites.get("1337x");
        assertThat(leet.profileUrlFor("alice")).isEqualTo("https://www.1337x.to/user/alice/");
        assertThat(leet.detection().methods()).containsExactly(Method.ABSENCE);
        assertThat(leet.detection().absenceStrings()).containsExactly("<title>Error something went wrong.</title>",
                "<head><title>404 Not Found</title></head>");
        assertThat(leet.allows("alice")).isTrue();
        assertThat(leet.allows("al")).isFalse();
        assertThat(leet.usernameClaimed()).isEqualTo("FitGirl");

        Site anilist = sites.get("Anilist");
        assertThat(anilist.method()).isEqualTo("POST");
        assertThat(anilist.requestUrlFor("alice")).isEqualTo("https://graphql.anilist.co/");
        assertThat(anilist.profileUrlFor("alice")).isEqualTo("https://anilist.co/user/alice/");
        assertThat(anilist.bodyFor("alice"))
                .isEqualTo("{\"query\":\"query($name:String){User(name:$name){id}}\",\"variables\":{\"name\":\"alice\"}}");

        Site avizo = sites.get("Avizo");
        assertThat(avizo.detection().methods()).containsExactly(Method.REDIRECT);
        assertThat(avizo.detection().notFoundUrl()).isEqualTo("https://www.avizo.cz/");

        Site bitbucket = sites.get("BitBucket");
        assertThat(bitbucket.detection().methods()).containsExactly(Method.STATUS);
        assertThat(bitbucket.method()).isEqualTo("GET");
        assertThat(bitbucket.rank()).isNull();

        assertThat(sites.get("Chess").requestUrlFor("alice"))
                .isEqualTo("https://www.chess.com/callback/user/valid?username=alice");
        assertThat(sites.get("Archive.org").detection().absenceStrings()).hasSize(3);
        assertThat(sites.get("APClips").nsfw()).isTrue();
        assertThat(sites.get("BitBucket").nsfw()).isFalse();
    }

    @Test
    void maigretsDataJsonIsReadWithItsEnginesAndWithoutItsDisabledOrNonUsernameSites() throws IOException {
        SiteCatalogue catalogue = CatalogueLoader.parse(resource("maigret-data.json"), "maigret.json");
        Map<String, Site> sites = byName(catalogue);

        assertThat(catalogue.sources()).containsExactly("maigret.json (maigret, 7 sites)");
        assertThat(sites).doesNotContainKey("QQ"); // checks QQ numbers, not usernames
        assertThat(catalogue.warnings()).singleElement().asString().contains("1 sites skipped", "identifier");

        Site github = sites.get("GitHub");
        assertThat(github.requestUrlFor("alice")).isEqualTo("https://api.github.com/users/alice");
        assertThat(github.profileUrlFor("alice")).isEqualTo("https://github.com/alice");
        assertThat(github.rank()).isEqualTo(10);
        assertThat(github.tags()).containsExactly("business", "coding", "networking");
        assertThat(github.allows("alice")).isTrue();
        assertThat(github.allows("-alice")).isFalse();

        Site coddy = sites.get("Coddy");
        assertThat(coddy.detection().methods()).containsExactlyInAnyOrder(Method.ABSENCE, Method.PRESENCE);
        assertThat(coddy.detection().absenceStrings()).containsExactly("404 - Page not found");

        Site xenforo = sites.get("forum.motorguia.net");
        assertThat(xenforo.profileUrlFor("alice")).isEqualTo("https://forum.motorguia.net/members/?username=alice");
        assertThat(xenforo.detection().ignore403()).isTrue();
        assertThat(xenforo.detection().presenceStrings()).contains("memberHeader-content");

        Site discourse = sites.get("forum.kicad.info");
        assertThat(discourse.profileUrlFor("alice")).isEqualTo("https://forum.kicad.info/u/alice/summary");
        assertThat(discourse.detection().absenceStrings()).contains("Oops! That page doesn’t exist or is private.");

        Site instagram = sites.get("Instagram");
        assertThat(instagram.headers()).containsEntry("x-ig-app-id", "936619743392459");
        assertThat(instagram.detection().wallMarkers()).containsEntry("Login • Instagram", "Login required");

        assertThat(sites.get("WordPressOrg").detection().methods()).containsExactly(Method.REDIRECT);
        assertThat(sites.get("MicrosoftTechNet").disabled()).isTrue();
        assertThat(catalogue.select(List.of(), List.of(), 0, false)).extracting(Site::name)
                .doesNotContain("MicrosoftTechNet");
    }

    @Test
    void theBuiltInCatalogueHoldsOverThreeHundredUsableSitesWithUniqueNames() {
        SiteCatalogue catalogue = CatalogueLoader.builtin();
        List<Site> enabled = catalogue.select(List.of(), List.of(), 0, true);

        assertThat(catalogue.warnings()).isEmpty();
        assertThat(enabled).hasSizeGreaterThanOrEqualTo(300);
        Set<String> names = new HashSet<>();
        for (Site site : catalogue.sites()) {
            assertThat(names.add(site.name().toLowerCase())).as("unique name %s", site.name()).isTrue();
            assertThat(site.profileUrl()).as(site.name()).contains(Site.PLACEHOLDER).startsWith("https://");
            assertThat(site.tags()).as(site.name()).isNotEmpty();
            assertThat(site.rank()).as(site.name()).isNotNull();
        }
        assertThat(byName(catalogue)).containsKeys("GitHub", "GitLab", "Reddit", "Twitch", "Steam Community",
                "Keybase", "Docker Hub", "PyPI", "npm", "Dev.to", "HackerOne", "Medium", "Telegram", "Patreon",
                "Pastebin");
        assertThat(catalogue.sites()).extracting(s -> s.detection().methods())
                .anyMatch(m -> m.contains(Method.ABSENCE)).anyMatch(m -> m.contains(Method.PRESENCE))
                .anyMatch(m -> m.contains(Method.REDIRECT)).anyMatch(m -> m.contains(Method.STATUS));
    }

    @Test
    void onlyTheTopRankedTaggedOrNamedSitesAreSelected() {
        SiteCatalogue catalogue = CatalogueLoader.builtin();

        assertThat(catalogue.select(List.of(), List.of(), 3, false)).extracting(Site::rank).containsExactly(1, 5, 6);
        assertThat(catalogue.select(List.of(), List.of("gaming"), 0, false))
                .allMatch(s -> s.hasTag("gaming")).extracting(Site::name).contains("Steam Community", "Lichess");
        assertThat(catalogue.select(List.of("github", "PyPI"), List.of(), 0, false)).extracting(Site::name)
                .containsExactly("GitHub", "PyPI");
        assertThat(catalogue.select(List.of(), List.of(), 0, false)).noneMatch(Site::nsfw);
        assertThatThrownBy(() -> catalogue.select(List.of("GitHub", "NoSuchSite"), List.of(), 0, false))
                .isInstanceOf(CollectorException.class).hasMessageContaining("options.sites")
                .hasMessageContaining("NoSuchSite");
    }

    @Test
    void aBrokenEntryIsSkippedWithAWarningThatNamesIt() {
        String json = """
                {"format": "osint-username-sites/1", "sites": [
                  {"name": "Good", "url": "https://good.example/{username}", "detect": ["status"], "tags": ["x"]},
                  {"name": "NoPlaceholder", "url": "https://bad.example/profile", "detect": ["status"]},
                  {"name": "BadRegex", "url": "https://bad.example/{username}", "detect": ["status"], "username_pattern": "(["},
                  {"name": "BadDetect", "url": "https://bad.example/{username}", "detect": ["guess"]},
                  {"name": "AbsenceWithoutStrings", "url": "https://bad.example/{username}", "detect": ["absence"]}
                ]}""";
        SiteCatalogue catalogue = CatalogueLoader.parse(json, "mine.json");

        assertThat(catalogue.sites()).extracting(Site::name).containsExactly("Good");
        assertThat(catalogue.warnings()).hasSize(4)
                .anyMatch(w -> w.contains("'NoPlaceholder'") && w.contains("{username}"))
                .anyMatch(w -> w.contains("'BadRegex'") && w.contains("does not compile"))
                .anyMatch(w -> w.contains("'BadDetect'") && w.contains("guess"))
                .anyMatch(w -> w.contains("'AbsenceWithoutStrings'"));
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
}
