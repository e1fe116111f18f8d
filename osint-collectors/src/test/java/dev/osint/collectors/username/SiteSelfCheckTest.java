package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.username.CatalogueFarm.Behaviour;
import dev.osint.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osint sites check} against a loopback farm where each site fails in its own way. */
class SiteSelfCheckTest {

    private static Site site(String name, String claimed) {
        return new Site(name, "https://" + name.toLowerCase() + ".example/u/{username}", null, null,
                List.of(Detection.byStatus("sherlock")), null, "GET", Map.of(), null, Map.of(), false, List.of(), null,
                0.7, false, false, claimed, null, "test");
    }

    @Test
    void eachWrongEntryIsReportedWithWhyAndWhatTheSiteAnswered(@TempDir Path dir) throws Exception {
        List<CatalogueFarm.FarmSite> farmSites = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        Map<String, Behaviour> behaviours = Map.of("Good", Behaviour.AS_DESCRIBED, "Always", Behaviour.ALWAYS_200,
                "Soft", Behaviour.SOFT_404, "Home", Behaviour.REDIRECT_HOME, "Waf", Behaviour.WAF,
                "Limited", Behaviour.RATE_LIMIT, "Gone", Behaviour.AS_DESCRIBED);
        for (var entry : behaviours.entrySet()) {
            Site site = site(entry.getKey(), "blue");
            sites.add(site);
            // "Gone": the account the entry names no longer exists
            Set<String> claimed = entry.getKey().equals("Gone") ? Set.of() : Set.of("blue");
            farmSites.add(new CatalogueFarm.FarmSite(site, site.detections().get(0), claimed, entry.getValue(), 0));
        }
        sites.add(site("Nameless", null));
        farmSites.add(new CatalogueFarm.FarmSite(sites.getLast(), sites.getLast().detections().get(0), Set.of(),
                Behaviour.AS_DESCRIBED, 0));
        Path catalogue = dir.resolve("sites.json");
        Files.writeString(catalogue, CatalogueWriter.write(Map.of("catalogue", "sherlock"), sites, List.of()));

        SiteSelfCheck.Report report;
        try (CatalogueFarm farm = CatalogueFarm.start(farmSites)) {
            report = SiteSelfCheck.run(new Settings(Map.of(CatalogueLoader.SITES, catalogue.toString(),
                    CatalogueLoader.BASE_URL, farm.base())),
                    new SiteSelfCheck.Request(List.of(), List.of(), 8, 8, Duration.ofSeconds(10)));
        }

        Map<String, SiteSelfCheck.Entry> bySite = report.entries().stream()
                .collect(Collectors.toMap(SiteSelfCheck.Entry::site, Function.identity()));
        assertThat(report.wrong()).isEqualTo(7);
        assertThat(bySite.get("Good").ok()).isTrue();
        assertThat(bySite.get("Good").claimed()).containsEntry("status", "FOUND").containsEntry("username", "blue")
                .containsEntry("catalogue", "sherlock").containsEntry("check", "status");
        assertThat(bySite.get("Good").random()).containsEntry("status", "NOT_FOUND");
        assertThat(bySite.get("Always").problem()).contains("a random name", "is found");
        assertThat(bySite.get("Soft").problem()).contains("claimed name ('blue') is NOT_FOUND", "soft 404");
        assertThat(bySite.get("Home").problem()).contains("claimed name ('blue') is NOT_FOUND", "redirected");
        assertThat(bySite.get("Waf").problem()).contains("blocked", "Cloudflare");
        assertThat(bySite.get("Limited").problem()).contains("blocked", "rate limited (429)");
        assertThat(bySite.get("Gone").problem()).contains("claimed name ('blue') is NOT_FOUND", "status 404");
        assertThat(bySite.get("Nameless").problem()).contains("no claimed name");
        assertThat(report.toMap()).containsEntry("sites_checked", 8).containsEntry("wrong", 7L);
    }
}
