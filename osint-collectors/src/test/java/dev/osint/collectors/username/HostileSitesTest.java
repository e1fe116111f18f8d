package dev.osint.collectors.username;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.username.CatalogueFarm.Behaviour;
import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.CollectorOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of check of both catalogues, and the project's own, meets every kind of site that misleads a check:
 * one that answers 200 for everything, a soft 404, a redirect to the home page, a WAF page and a 429. None of them
 * may turn a name into a FOUND; and on a site that answers as its description says, each check does find the
 * account and only it (so the test can tell a check that finds nothing from one that is right).
 */
class HostileSitesTest {
    private static final String CLAIMED = "alice";
    private static final Map<String, List<Detection>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("sherlock status_code", List.of(detection("sherlock", "status_code", Set.of(Method.STATUS),
                Set.of(), List.of(), List.of())));
        KINDS.put("sherlock status_code with errorCode", List.of(detection("sherlock", "status_code",
                Set.of(Method.STATUS), Set.of(204), List.of(), List.of())));
        KINDS.put("sherlock message", List.of(detection("sherlock", "message", Set.of(Method.ABSENCE), Set.of(),
                List.of("Sorry, that user does not exist"), List.of())));
        KINDS.put("sherlock response_url", List.of(detection("sherlock", "response_url", Set.of(Method.REDIRECT),
                Set.of(), List.of(), List.of())));
        KINDS.put("maigret status_code", List.of(detection("maigret", "status_code", Set.of(Method.STATUS),
                Set.of(), List.of(), List.of())));
        KINDS.put("maigret message", List.of(detection("maigret", "message", Set.of(Method.ABSENCE, Method.PRESENCE),
                Set.of(), List.of("User not found"), List.of("profile-header"))));
        KINDS.put("maigret message, presence only", List.of(detection("maigret", "message", Set.of(Method.PRESENCE),
                Set.of(), List.of(), List.of("\"username\":"))));
        KINDS.put("maigret response_url", List.of(detection("maigret", "response_url",
                Set.of(Method.REDIRECT, Method.PRESENCE), Set.of(), List.of(), List.of("og:type\" content=\"profile"))));
        KINDS.put("osint JSON API", List.of(detection("osint", "presence+status", Set.of(Method.STATUS, Method.PRESENCE),
                Set.of(), List.of(), List.of("\"login\":"))));
        KINDS.put("sherlock message read with maigret response_url", List.of(
                detection("sherlock", "message", Set.of(Method.ABSENCE), Set.of(), List.of("Not Found (#404)"), List.of()),
                detection("maigret", "response_url", Set.of(Method.REDIRECT), Set.of(), List.of(), List.of()).asSecondary()));
        KINDS.put("sherlock status_code read with maigret message", List.of(
                detection("sherlock", "status_code", Set.of(Method.STATUS), Set.of(), List.of(), List.of()),
                detection("maigret", "message", Set.of(Method.ABSENCE, Method.PRESENCE), Set.of(),
                        List.of("This account does not exist"), List.of("user-card")).asSecondary()));
    }

    private static CatalogueFarm farm;
    private static Path catalogue;

    private static Detection detection(String catalogue, String check, Set<Method> methods, Set<Integer> notFound,
                                       List<String> absence, List<String> presence) {
        return new Detection(catalogue, check, methods, notFound, absence, presence, null);
    }

    private static Site site(String name, String host, List<Detection> detections) {
        return new Site(name, "https://" + host + "/u/{username}", null, "https://" + host + "/", detections, null,
                "GET", Map.of(), null, Map.of(), false, List.of("test"), null, 0.7, false, false, CLAIMED, null,
                "test");
    }

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        List<CatalogueFarm.FarmSite> farmSites = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        int k = 0;
        for (var kind : KINDS.entrySet()) {
            int b = 0;
            for (Behaviour behaviour : Behaviour.values()) {
                Site site = site(kind.getKey() + " / " + behaviour, "k" + k + "-b" + b + ".example", kind.getValue());
                sites.add(site);
                farmSites.add(new CatalogueFarm.FarmSite(site, kind.getValue().get(0), Set.of(CLAIMED), behaviour, 0));
                b++;
            }
            k++;
        }
        farm = CatalogueFarm.start(farmSites);
        catalogue = dir.resolve("hostile.json");
        Files.writeString(catalogue, CatalogueWriter.write(Map.of("catalogue", "test"), sites, List.of()));
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> scan(String username) throws Exception {
        CollectorOutput output = aScanOf(new UsernameCollector()).target(username)
                .setting(CatalogueLoader.SITES, catalogue.toString()).setting(CatalogueLoader.BASE_URL, farm.base())
                .option("max_per_host", 64).option("timeout_ms", 10_000).run();
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> result : (List<Map<String, Object>>) output.data().get("results")) {
            byName.put((String) result.get("site"), result);
        }
        return byName;
    }

    @Test
    void noMisleadingSiteTurnsANameIntoAFound() throws Exception {
        for (String name : List.of(CLAIMED, "zqxwvjkhplm")) {
            Map<String, Map<String, Object>> results = scan(name);
            assertThat(results).hasSize(KINDS.size() * Behaviour.values().length);
            for (var result : results.entrySet()) {
                String site = result.getKey();
                Object status = result.getValue().get("status");
                if (site.endsWith(Behaviour.AS_DESCRIBED.name())) {
                    assertThat(status).as("%s asked about %s", site, name).isEqualTo(name.equals(CLAIMED) ? "FOUND"
                            : "NOT_FOUND");
                    continue;
                }
                assertThat(status).as("%s asked about %s: %s", site, name, result.getValue().get("reason"))
                        .isNotEqualTo("FOUND");
                if (site.endsWith(Behaviour.WAF.name()) || site.endsWith(Behaviour.RATE_LIMIT.name())) {
                    assertThat(status).as(site).isEqualTo("BLOCKED");
                    assertThat(result.getValue().get("reason")).asString()
                            .contains(site.endsWith(Behaviour.WAF.name()) ? "Cloudflare" : "rate limited");
                }
                if (site.endsWith(Behaviour.REDIRECT_HOME.name())) {
                    assertThat(status).as(site).isEqualTo("NOT_FOUND");
                }
            }
        }
    }

    @Test
    void aFoundSaysWhichCatalogueAndCheckDecidedAndWhatMatched() throws Exception {
        Map<String, Object> found = scan(CLAIMED).get("maigret message / AS_DESCRIBED");

        assertThat(found).containsEntry("status", "FOUND").containsEntry("catalogue", "maigret")
                .containsEntry("check", "message");
        assertThat(found.get("matched")).isEqualTo(Map.of("status", 200, "string", "profile-header",
                "final_url", farm.base() + "/k5-b0.example/u/alice"));
        assertThat(found.get("control")).asString().contains("NOT_FOUND");
    }
}
