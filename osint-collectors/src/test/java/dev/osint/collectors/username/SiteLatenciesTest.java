package dev.osint.collectors.username;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.username.Detection.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteLatenciesTest {
    private static Site site(String name, String url) {
        return new Site(name, url, null, "https://example.test/", List.of(new Detection("osint", "status",
                Set.of(Method.STATUS), Set.of(), List.of(), List.of(), null)), null, "GET", Map.of(), null, Map.of(),
                false, List.of("test"), null, 0.7, false, false, "alice", null, "test");
    }

    private static List<Site> sitesTaking(SiteLatencies latencies, long... millis) {
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            Site site = site("S" + i, "https://s" + i + ".example.test/{username}");
            latencies.record(site, Duration.ofMillis(millis[i]));
            sites.add(site);
        }
        return sites;
    }

    @Test
    void slowMeansASecondOrTwiceWhatMostSitesTook() {
        SiteLatencies quiet = new SiteLatencies();
        assertThat(quiet.slowAmong(sitesTaking(quiet, 300, 250, 400, 350, 2000), SiteChecker.KNOWN_SLOW))
                .isEqualTo(Duration.ofSeconds(1));
        // every answer slow because the machine was busy: only the site slow against the others counts
        SiteLatencies busy = new SiteLatencies();
        List<Site> sites = sitesTaking(busy, 1200, 1100, 1300, 1250, 2600);
        Duration slow = busy.slowAmong(sites, SiteChecker.KNOWN_SLOW);
        assertThat(slow).isEqualTo(Duration.ofMillis(2500));
        assertThat(sites).filteredOn(site -> busy.slowerThan(site, slow)).extracting(Site::name).containsExactly("S4");
        SiteLatencies none = new SiteLatencies();
        assertThat(none.slowAmong(List.of(site("New", "https://new.example.test/{username}")), SiteChecker.KNOWN_SLOW))
                .isEqualTo(SiteChecker.KNOWN_SLOW);
    }

    @Test
    void aSiteIsKnownByItsCatalogueEntryNotByTheNameAsked() {
        SiteLatencies latencies = new SiteLatencies();
        Site blog = site("Blog", "https://{username}.blog.example.test/");
        latencies.record(blog, Duration.ofMillis(1500));

        assertThat(latencies.lastMillis(blog)).isEqualTo(1500);
        assertThat(latencies.lastMillis(site("Blog", "https://blog.example.test/u/{username}"))).isZero();
    }
}
