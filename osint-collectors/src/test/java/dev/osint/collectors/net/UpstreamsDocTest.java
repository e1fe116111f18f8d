package dev.osint.collectors.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.UpstreamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/UPSTREAMS.md's table of upstreams is the declarations of the collectors, row for row: a change to an
 * {@link UpstreamSpec} fails here until the table says the same (the expected table is written to
 * {@code target/UPSTREAMS-table.md} to paste in).
 */
class UpstreamsDocTest {
    private static final Path DOC = Path.of("..", "docs", "UPSTREAMS.md");
    private static final Path README = Path.of("..", "README.md");
    static final String BEGIN = "<!-- upstream table: generated from the UpstreamSpec declarations, checked by"
            + " UpstreamsDocTest -->";
    static final String END = "<!-- end of the upstream table -->";

    @Test
    void theDocsTableIsTheDeclarationsOfTheCollectors() throws IOException {
        String expected = table(CollectorRegistry.load());
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("the table's opening marker in " + DOC).isNotNegative();
        assertThat(end).as("the table's closing marker in " + DOC).isGreaterThan(begin);
        String documented = doc.substring(begin + BEGIN.length(), end).strip();
        if (!documented.equals(expected.strip())) {
            Path written = Files.writeString(Path.of("target", "UPSTREAMS-table.md"), expected);
            fail("docs/UPSTREAMS.md's upstream table differs from the declarations; the table they make is in "
                    + written.toAbsolutePath() + ":\n" + expected);
        }
    }

    /**
     * The README's settings table has a row for every upstream's address setting, saying its default, and for every
     * key setting; the timeouts share one row (OSINT_<NAME>_TIMEOUT), which points to the table above.
     */
    @Test
    void theReadmeSaysTheSettingsOfEveryUpstream() throws IOException {
        String readme = Files.readString(README);
        List<String> missing = new ArrayList<>();
        for (Collector collector : CollectorRegistry.load().listed()) {
            for (UpstreamSpec upstream : collector.spec().upstreams()) {
                if (!upstream.userChosen()) {
                    Optional<String> row = settingRow(readme, upstream.baseUrlSetting());
                    if (row.isEmpty() || upstream.defaultBaseUrl() != null
                            && !row.get().contains(upstream.defaultBaseUrl())) {
                        missing.add(upstream.baseUrlSetting() + " (default " + upstream.defaultBaseUrl() + ")");
                    }
                }
                if (upstream.takesKey() && settingRow(readme, upstream.keySetting()).isEmpty()) {
                    missing.add(upstream.keySetting());
                }
            }
        }
        assertThat(missing).as("settings of upstreams without their row in " + README).isEmpty();
        assertThat(settingRow(readme, "OSINT_<NAME>_TIMEOUT")).get().asString().contains("docs/UPSTREAMS.md");
    }

    private static Optional<String> settingRow(String readme, String setting) {
        return readme.lines().filter(line -> line.startsWith("| `" + setting + "` |")).findFirst();
    }

    @Test
    void everyUpstreamIsDeclaredUnderOneNameOnly() {
        Map<String, UpstreamSpec> byName = new HashMap<>();
        for (Collector collector : CollectorRegistry.load().all()) {
            for (UpstreamSpec upstream : collector.spec().upstreams()) {
                UpstreamSpec earlier = byName.putIfAbsent(upstream.name(), upstream);
                // two collectors may call one upstream, but then with one declaration: one rate limit, one circuit
                assertThat(earlier == null || earlier.equals(upstream))
                        .as("upstream %s is declared twice, differently", upstream.name()).isTrue();
            }
        }
        assertThat(byName).isNotEmpty();
    }

    /** The markdown table of every listed collector's upstreams, in the collectors' order. */
    static String table(CollectorRegistry registry) {
        StringBuilder table = new StringBuilder("""
                | upstream (`name`) | collector | address setting (default) | key setting | timeout | rate limit \
                | body cap | redirects | circuit |
                |---|---|---|---|---|---|---|---|---|
                """);
        for (Collector collector : registry.listed()) {
            for (UpstreamSpec upstream : collector.spec().upstreams()) {
                table.append("| ").append(upstream.displayName()).append(" (`").append(upstream.name()).append("`)")
                        .append(" | ").append(collector.spec().type())
                        .append(" | ").append(address(upstream))
                        .append(" | ").append(upstream.takesKey() ? "`" + upstream.keySetting() + "`" : "none")
                        .append(" | ").append(upstream.timeoutText())
                        .append(" | ").append(upstream.rateLimitText())
                        .append(" | ").append(upstream.maxBodyText())
                        .append(" | ").append(upstream.redirectsText())
                        .append(" | ").append(upstream.circuitText()
                                .replace(upstream.name() + ":<host>", "`" + upstream.name() + ":<host>`"))
                        .append(" |\n");
            }
        }
        return table.toString();
    }

    private static String address(UpstreamSpec upstream) {
        if (upstream.userChosen()) {
            return "none: users choose it";
        }
        return "`" + upstream.baseUrlSetting() + "`"
                + (upstream.defaultBaseUrl() == null ? "" : " (" + upstream.defaultBaseUrl() + ")");
    }
}
