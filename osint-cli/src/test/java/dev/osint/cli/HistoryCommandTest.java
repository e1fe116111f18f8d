package dev.osint.cli;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.ip;
import static dev.osint.history.testing.Scans.subdomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Settings;
import dev.osint.history.History;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** osint history, entity and export as a user runs them, on a history in a temporary data directory. */
class HistoryCommandTest {
    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private InputStream originalIn;

    @BeforeEach
    void seed() {
        Settings settings = new Settings(Map.of("OSINT_DATA_DIR", dataDir.toString()));
        Main.useSettings(settings);
        try (History history = History.open(settings)) {
            history.store().write(List.of(
                    aScan("dns", "example.com").id("scan-1").at("2026-10-01T10:00:00Z")
                            .with(ip("192.0.2.1"), subdomain("www.example.com")).build(),
                    aScan("dns", "example.com").id("scan-2").at("2026-11-01T10:00:00Z")
                            .with(ip("192.0.2.2"), subdomain("www.example.com")).build(),
                    aScan("shodan", "192.0.2.1").kind("ip").id("scan-3").at("2026-11-02T10:00:00Z")
                            .with(ip("192.0.2.1")).build()));
        }
        originalOut = System.out;
        originalErr = System.err;
        originalIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        System.setIn(originalIn);
        Main.useSettings(Settings.fromEnvironment());
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void searchListsScansNewestFirst() {
        assertThat(Main.run("history", "search", "--type", "dns")).isZero();
        List<String> lines = output().lines().toList();
        assertThat(lines.getFirst()).startsWith("TASK ID").contains("FINISHED", "TARGET", "ENTITIES");
        assertThat(lines.get(1)).startsWith("scan-2");
        assertThat(lines.get(2)).startsWith("scan-1");
        assertThat(lines).hasSize(3);

        out.reset();
        assertThat(Main.run("history", "list", "--json", "-q", "192.0.2.2")).isZero();
        assertThat(output()).contains("\"task_id\":\"scan-2\"").doesNotContain("scan-1");
        assertThat(Main.run("history", "search", "--since", "last week")).isEqualTo(Main.USAGE);
    }

    @Test
    void entityShowsEveryScanThatSawIt() {
        assertThat(Main.run("entity", "192.0.2.1")).isZero();
        assertThat(output()).contains("ip    192.0.2.1  2026-10-01T10:00:00Z  2026-11-02T10:00:00Z  2")
                .contains("scan-3").contains("scan-1");
        out.reset();
        assertThat(Main.run("entity", "www.", "--prefix", "--json")).isZero();
        assertThat(output()).contains("\"value\":\"www.example.com\"", "\"scan_count\":2");
        assertThat(Main.run("entity", "198.51.100.7")).isEqualTo(Main.SCAN_FAILED);
    }

    @Test
    void diffAndTimelineShowTheChange() {
        assertThat(Main.run("history", "diff", "scan-1", "scan-2")).isZero();
        assertThat(output()).contains("+ entity", "192.0.2.2").contains("- entity", "192.0.2.1");
        out.reset();
        assertThat(Main.run("history", "timeline", "example.com", "dns")).isZero();
        assertThat(output()).contains("scan-1", "scan-2", "+1", "-1");
        assertThat(Main.run("history", "diff", "scan-1", "scan-3")).isEqualTo(Main.USAGE);
    }

    @Test
    void exportWritesEachFormat() throws Exception {
        Path file = dataDir.resolve("scan.stix.json");
        assertThat(Main.run("export", "scan-1", "--format", "stix", "-o", file.toString())).isZero();
        assertThat(Files.readString(file)).contains("\"type\" : \"bundle\"", "report--");
        out.reset();
        assertThat(Main.run("export", "--format", "csv", "--target", "example.com")).isZero();
        assertThat(output().lines()).hasSize(5);
        assertThat(Main.run("export", "--format", "pdf")).isEqualTo(Main.USAGE);
    }

    @Test
    void purgeAsksFirstThenDeletes() {
        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("history", "purge", "--target", "example.com")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Nothing deleted");
        assertThat(Main.run("history", "purge", "--target", "EXAMPLE.com", "--force")).isZero();
        assertThat(output()).contains("Deleted 2 scan(s).");
        assertThat(Main.run("history", "purge", "--before", "2026-11-02T12:00:00Z", "--force")).isZero();
        assertThat(output()).contains("Deleted 1 scan(s).");
        assertThat(Main.run("history", "purge", "--force")).isEqualTo(Main.USAGE);
    }
}
