package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The whole shipped catalogue, every site played on loopback as Sherlock's, then Maigret's, description says the
 * real site answers, and asked about its claimed name and a random one by {@code osint sites check}: no random
 * name is ever FOUND, and every claimed name is.
 */
class ShippedCatalogueOnLoopbackTest {

    /** Each site as its own entry's description says; where Maigret describes the same page, as Maigret says. */
    private static List<CatalogueFarm.FarmSite> farm(SiteCatalogue catalogue, boolean asMaigret) {
        List<CatalogueFarm.FarmSite> sites = new ArrayList<>();
        for (Site site : catalogue.sites()) {
            Detection described = site.detections().get(0);
            if (asMaigret) {
                described = site.detections().stream().filter(d -> d.catalogue().startsWith("maigret")).findFirst()
                        .orElse(described);
            }
            sites.add(new CatalogueFarm.FarmSite(site, described, Set.of(site.usernameClaimed()),
                    CatalogueFarm.Behaviour.AS_DESCRIBED, 0));
        }
        return sites;
    }

    private static SiteSelfCheck.Report check(List<String> sources, boolean asMaigret) throws Exception {
        SiteCatalogue catalogue = BundledCatalogue.of(sources);
        try (CatalogueFarm farm = CatalogueFarm.start(farm(catalogue, asMaigret))) {
            Settings settings = new Settings(Map.of(CatalogueLoader.BASE_URL, farm.base(),
                    CatalogueLoader.SOURCES, String.join(",", sources)));
            SiteSelfCheck.Report report = SiteSelfCheck.run(settings, new SiteSelfCheck.Request(List.of(),
                    List.of(), 64, 64, Duration.ofSeconds(20)));
            assertThat(farm.unmatched()).as("requests no farm site recognised").isEmpty();
            return report;
        }
    }

    private static void assertRight(SiteSelfCheck.Report report, int sites) {
        assertThat(report.entries().stream().filter(e -> "FOUND".equals(e.random().get("status")))
                .map(e -> e.site() + ": " + e.random()).toList()).as("random names found").isEmpty();
        assertThat(report.entries().stream().filter(e -> !e.ok())
                .map(e -> e.site() + ": " + e.problem() + " " + e.claimed().get("reason")).toList())
                .as("wrong entries").isEmpty();
        assertThat(report.entries().size()).isGreaterThanOrEqualTo(sites);
    }

    @Test
    void theDefaultCatalogueIsRightOnSitesAnsweringAsSherlockSays() throws Exception {
        assertRight(check(List.of("sherlock"), false), 470);
    }

    @Test
    void theDefaultCatalogueIsRightOnSitesAnsweringAsMaigretSays() throws Exception {
        SiteSelfCheck.Report report = check(List.of("sherlock"), true);
        assertRight(report, 470);
        Map<String, SiteSelfCheck.Entry> byName = report.entries().stream()
                .collect(java.util.stream.Collectors.toMap(SiteSelfCheck.Entry::site, Function.identity()));
        // a site both describe is read under both: Pastebin's text check and its redirect
        assertThat(byName.get("Pastebin").catalogue()).isEqualTo("sherlock+maigret");
        assertThat(byName.get("Pastebin").random()).containsEntry("status", "NOT_FOUND")
                .containsEntry("catalogue", "maigret").containsEntry("check", "response_url");
    }

    @Test
    void maigretsCatalogueIsRightOnSitesAnsweringAsMaigretSays() throws Exception {
        assertRight(check(List.of("maigret"), true), 2400);
    }
}
