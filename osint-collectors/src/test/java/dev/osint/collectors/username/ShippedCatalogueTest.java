package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue as it ships in the jar: where it comes from, and that every entry of it can be checked. */
class ShippedCatalogueTest {
    /** The pinned upstream snapshots the bundled files are imported from (see catalogues/README.md). */
    private static final Path UPSTREAM = Path.of("..", "catalogues");
    private static final Set<String> SHERLOCK_CHECKS = Set.of("status_code", "message", "response_url");
    private static final Set<String> MAIGRET_CHECKS = Set.of("status_code", "message", "response_url");

    private static JsonNode shipped(String name) throws IOException {
        return Json.mapper().readTree(text(name));
    }

    private static String text(String name) throws IOException {
        try (InputStream in = ShippedCatalogueTest.class.getResourceAsStream(BundledCatalogue.RESOURCES + name)) {
            assertThat(in).as("resource %s in the jar", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Site> everyShippedSite() {
        BundledCatalogue.Imports imports = BundledCatalogue.imports();
        List<Site> all = new ArrayList<>();
        imports.sites().values().forEach(all::addAll);
        all.addAll(imports.overlaySites());
        return all;
    }

    @Test
    void theBundledFilesAreWhatTheImportMakesOfThePinnedSnapshots(@TempDir Path dir) throws Exception {
        for (String catalogue : CatalogueImport.catalogues()) {
            JsonNode source = shipped(catalogue + ".json").path("source");
            CatalogueImport.run(catalogue, UPSTREAM.resolve(catalogue).resolve("data.json"),
                    UPSTREAM.resolve(catalogue).resolve("LICENSE"), source.path("commit").asText(),
                    source.path("date").asText(), dir);
        }
        for (String file : List.of("sherlock.json", "maigret.json", "sherlock-LICENSE.txt", "maigret-LICENSE.txt",
                CatalogueImport.NOTICE)) {
            assertThat(Files.readString(dir.resolve(file))).as(file).isEqualTo(text(file));
        }
    }

    @Test
    void theJarSaysWhereEachCatalogueComesFromAndUnderWhichLicence() throws Exception {
        for (String catalogue : CatalogueImport.catalogues()) {
            JsonNode source = shipped(catalogue + ".json").path("source");
            byte[] upstream = Files.readAllBytes(UPSTREAM.resolve(catalogue).resolve("data.json"));
            assertThat(source.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(upstream)));
            assertThat(source.path("commit").asText()).matches("[0-9a-f]{40}");
            assertThat(source.path("repository").asText()).startsWith("https://github.com/");
            assertThat(source.path("licence").asText()).isEqualTo("MIT License");
            assertThat(text(catalogue + "-LICENSE.txt")).contains("MIT License", "Permission is hereby granted");
            assertThat(text(CatalogueImport.NOTICE)).contains(source.path("commit").asText(),
                    source.path("repository").asText(), catalogue + "-LICENSE.txt");
        }
        assertThat(shipped("sherlock.json").path("source").path("commit").asText())
                .isEqualTo("4e2a4f6b66433849abe46cae76ed557c6c8313c8");
        assertThat(shipped("maigret.json").path("source").path("commit").asText())
                .isEqualTo("149acb17832862857c67facf99ea7094d16a3969");
    }

    @Test
    void everyShippedEntryHasOnePlaceForTheNameAClaimedNameItsRuleAcceptsAndAKnownCheck() {
        assertThat(BundledCatalogue.imports().warnings()).isEmpty(); // every entry read, every override applied
        List<Site> sites = everyShippedSite();
        assertThat(sites).hasSizeGreaterThan(2900);
        for (Site site : sites) {
            // the name goes into the request once (its URL or, for a POST check, its body); the profile URL shows it
            // once, or not at all for a site that only says whether a name is taken (Discord, Diskusjon.no)
            int inRequest = occurrences(site.requestTemplate()) + (site.body() == null ? 0 : occurrences(site.body()));
            assertThat(inRequest).as("%s: one {username} in its request", site.name()).isEqualTo(1);
            assertThat(occurrences(site.profileUrl())).as("%s: %s", site.name(), site.profileUrl()).isLessThanOrEqualTo(1);
            assertThat(site.usernameClaimed()).as("%s: a claimed name", site.name()).isNotBlank();
            assertThat(site.allows(site.usernameClaimed()))
                    .as("%s: its claimed name '%s' passes its rule %s", site.name(), site.usernameClaimed(),
                            site.usernamePattern()).isTrue();
            assertThat(site.disabled()).as("%s is shipped disabled", site.name()).isFalse();
            for (Detection detection : site.detections()) {
                String kind = detection.check().replaceFirst(" \\(.*\\)$", "");
                Set<String> known = switch (detection.catalogue().replace("+osint", "")) {
                    case "sherlock" -> SHERLOCK_CHECKS;
                    case "maigret" -> MAIGRET_CHECKS;
                    default -> Stream.of(Method.values()).map(Method::wireName).collect(Collectors.toSet());
                };
                assertThat(List.of(kind.split("\\+"))).as("%s: check '%s' of %s", site.name(), detection.check(),
                        detection.catalogue()).isSubsetOf(known);
            }
        }
    }

    @Test
    void noCatalogueNamesASiteTwiceAndNoneShipsWhatItsUpstreamDisabled() throws IOException {
        for (String file : List.of("sherlock.json", "maigret.json", BundledCatalogue.OVERLAY)) {
            Set<String> names = new HashSet<>();
            for (JsonNode entry : shipped(file).path("sites")) {
                assertThat(names.add(entry.path("name").asText().toLowerCase(Locale.ROOT)))
                        .as("%s names %s twice", file, entry.path("name").asText()).isTrue();
                assertThat(entry.has("disabled")).as("%s ships %s disabled", file, entry.path("name")).isFalse();
            }
        }
        JsonNode upstream = Json.mapper().readTree(UPSTREAM.resolve("maigret").resolve("data.json").toFile());
        Set<String> shipped = new HashSet<>();
        shipped("maigret.json").path("sites").forEach(e -> shipped.add(e.path("name").asText()));
        List<String> disabledUpstream = new ArrayList<>();
        upstream.path("sites").fields().forEachRemaining(f -> {
            if (f.getValue().path("disabled").asBoolean(false)) {
                disabledUpstream.add(f.getKey());
            }
        });
        assertThat(disabledUpstream).hasSizeGreaterThan(600).noneMatch(shipped::contains);
        // and nothing that needs a token or a cookie, which would be someone else's
        for (Site site : everyShippedSite()) {
            assertThat(site.headers().keySet()).as(site.name())
                    .noneMatch(h -> h.equalsIgnoreCase("cookie") || h.toLowerCase(Locale.ROOT).contains("auth")
                            || h.toLowerCase(Locale.ROOT).contains("token"));
        }
        for (List<String> sources : List.of(List.of("sherlock"), List.of("maigret"), List.of("sherlock", "maigret"))) {
            Set<String> assembled = new HashSet<>();
            Set<String> pages = new HashSet<>();
            for (Site site : BundledCatalogue.of(sources).sites()) {
                assertThat(assembled.add(site.name().toLowerCase(Locale.ROOT))).as("%s: %s twice", sources, site.name())
                        .isTrue();
                assertThat(pages.add(BundledCatalogue.requestKey(site))).as("%s: %s asks a page twice", sources,
                        site.name()).isTrue();
            }
        }
    }

    @Test
    void overlayOverridesEachGiveAReasonAndTheOverlaysOwnSitesAreNewOnes() throws IOException {
        JsonNode overlay = shipped(BundledCatalogue.OVERLAY);
        assertThat(overlay.path("overrides")).isNotEmpty().allSatisfy(override -> assertThat(override.path("reason")
                .asText()).as(override.path("name").asText()).hasSizeGreaterThan(20));
        Set<String> imported = new HashSet<>();
        BundledCatalogue.imports().sites().values().forEach(list -> list.forEach(s -> imported.add(
                s.name().toLowerCase(Locale.ROOT))));
        assertThat(BundledCatalogue.imports().overlaySites()).isNotEmpty()
                .noneMatch(s -> imported.contains(s.name().toLowerCase(Locale.ROOT)));
    }

    @Test
    void sherlocksSitesAreTheDefaultMaigretsAreByChoiceAndOnePageIsReadUnderBothDescriptions() {
        Map<String, Site> sherlock = byName(BundledCatalogue.of(List.of("sherlock")));
        Map<String, Site> maigret = byName(BundledCatalogue.of(List.of("maigret")));
        Map<String, Site> both = byName(BundledCatalogue.of(List.of("sherlock", "maigret")));

        int overlay = BundledCatalogue.imports().overlaySites().size();
        // Sherlock's entries and the overlay's, less the few that ask the same page as another (merged into one)
        assertThat(sherlock.size()).isBetween(BundledCatalogue.imports().sites().get("sherlock").size() + overlay - 5,
                BundledCatalogue.imports().sites().get("sherlock").size() + overlay);
        // Sherlock's PlayStore asks Google Play's page too: one site, read by both entries and by Maigret's
        assertThat(sherlock.get("Google Play").detections()).extracting(Detection::catalogue, Detection::check)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sherlock", "message"),
                        org.assertj.core.groups.Tuple.tuple("maigret", "status_code"),
                        org.assertj.core.groups.Tuple.tuple("sherlock", "status_code"));
        assertThat(sherlock).doesNotContainKey("PlayStore");
        assertThat(maigret.size()).isGreaterThan(2400);
        assertThat(both.size()).isGreaterThan(maigret.size()).isLessThan(sherlock.size() + maigret.size());
        assertThat(sherlock).doesNotContainKey("Ybox").containsKey("HackerNews");
        assertThat(maigret.get("Ybox").method()).isEqualTo("POST");
        assertThat(both).containsKeys("Ybox", "HackerNews");

        // Pastebin: Sherlock reads its page by text, Maigret by redirect; both are applied to the one request
        Site pastebin = sherlock.get("Pastebin");
        assertThat(pastebin.detections()).extracting(Detection::catalogue, Detection::check, Detection::secondary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sherlock", "message", false),
                        org.assertj.core.groups.Tuple.tuple("maigret", "response_url", true));
        assertThat(pastebin.followsRedirects()).isFalse();
        assertThat(pastebin.tags()).contains("coding"); // Maigret's tags and rank for Sherlock's site
        assertThat(pastebin.rank()).isNotNull();
        // Hacker News' "Sorry." is a rate limit, by the overlay
        assertThat(sherlock.get("HackerNews").walls()).containsKey("Sorry.");
        assertThat(sherlock.get("HackerNews").detections().get(0).absenceStrings()).containsExactly("No such user.");
        assertThat(sherlock.get("HackerNews").detections().get(0).catalogue()).isEqualTo("sherlock+osint");
    }

    private static Map<String, Site> byName(SiteCatalogue catalogue) {
        return catalogue.sites().stream().collect(Collectors.toMap(Site::name, Function.identity()));
    }

    private static int occurrences(String template) {
        int count = 0;
        for (int at = template.indexOf(Site.PLACEHOLDER); at >= 0; at = template.indexOf(Site.PLACEHOLDER, at + 1)) {
            count++;
        }
        return count;
    }
}
