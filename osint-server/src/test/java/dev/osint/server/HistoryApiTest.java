package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskState;
import dev.osint.history.HistoryRecord;
import dev.osint.core.StateChange;
import dev.osint.queue.ScriptedCollector;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans run by a real worker land in the history, and the API searches, pivots, compares and exports them. */
class HistoryApiTest {
    @TempDir
    Path dataDir;

    /** What the "zone" collector finds next: the test changes the zone between scans. */
    private final AtomicReference<List<String>> zone = new AtomicReference<>(List.of("192.0.2.1", "192.0.2.2"));
    private ApiFixture api;

    @BeforeEach
    void start() {
        ScriptedCollector dnsLike = new ScriptedCollector("zone", (ctx, run) -> {
            List<Entity> entities = new ArrayList<>();
            List<Map<String, Object>> records = new ArrayList<>();
            for (String ip : zone.get()) {
                entities.add(Entity.of(EntityKind.IP, ip, "zone", Map.of("record_type", "A",
                        "name", "www." + ctx.target().value())));
                records.add(Map.of("type", "A", "name", "www." + ctx.target().value(), "value", ip, "ttl", 300));
            }
            entities.add(Entity.of(EntityKind.SUBDOMAIN, "www." + ctx.target().value(), "zone"));
            return CollectorOutput.found(Map.of("dns_records", records, "registrar", "Example Registrar"),
                    entities);
        });
        ScriptedCollector ports = new ScriptedCollector("ports", (ctx, run) -> CollectorOutput.found(Map.of(),
                List.of(Entity.of(EntityKind.IP, "192.0.2.1", "ports"))));
        ScriptedCollector broken = new ScriptedCollector("broken", (ctx, run) -> {
            throw new CollectorException("upstream said no");
        });
        api = anApi().with(dnsLike, ports, broken).withHistory(dataDir).withWorker().start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String scanAndWait(String type, String target) {
        String id = api.submit(type, target);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/history/" + id).statusCode() == 200);
        return id;
    }

    @Test
    void finishedScansAreSearchedNewestFirstWithFiltersTextAndPaging() {
        String first = scanAndWait("zone", "example.com");
        String second = scanAndWait("ports", "192.0.2.1");
        String failed = scanAndWait("broken", "example.org");

        JsonNode all = json(api.get("/api/v1/history"));
        assertThat(ids(all)).containsExactly(failed, second, first);
        JsonNode scan = all.get("scans").get(2);
        assertThat(scan.get("target").asText()).isEqualTo("example.com");
        assertThat(scan.get("state").asText()).isEqualTo("SUCCESS");
        assertThat(scan.get("entity_count").asInt()).isEqualTo(3);
        assertThat(scan.get("worker").asText()).isEqualTo("test-worker");

        assertThat(ids(json(api.get("/api/v1/history?target=EXAMPLE.COM")))).containsExactly(first);
        assertThat(ids(json(api.get("/api/v1/history?state=FAILURE")))).containsExactly(failed);
        assertThat(ids(json(api.get("/api/v1/history?q=example%20registrar")))).containsExactly(first);
        assertThat(ids(json(api.get("/api/v1/history?q=upstream")))).containsExactly(failed);
        assertThat(ids(json(api.get("/api/v1/history?since=2000-01-01&until=2000-01-02")))).isEmpty();

        JsonNode page = json(api.get("/api/v1/history?limit=2"));
        assertThat(ids(page)).containsExactly(failed, second);
        JsonNode next = json(api.get("/api/v1/history?limit=2&cursor=" + page.get("next_cursor").asText()));
        assertThat(ids(next)).containsExactly(first);
        assertThat(next.has("next_cursor")).isFalse();
    }

    @Test
    void oneScanIsShownWhole() {
        String id = scanAndWait("zone", "example.com");

        JsonNode record = json(api.get("/api/v1/history/" + id));
        assertThat(record.get("task_id").asText()).isEqualTo(id);
        assertThat(record.get("type").asText()).isEqualTo("zone");
        assertThat(record.at("/result/entities").size()).isEqualTo(3);
        assertThat(record.get("state_history").findValuesAsText("state"))
                .containsExactly("PENDING", "STARTED", "SUCCESS");
        assertThat(api.get("/api/v1/history/no-such-task").statusCode()).isEqualTo(404);
    }

    @Test
    void aScanTheBrokerForgotIsStillShownFromTheHistory() {
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        api.history.orElseThrow().store().write(List.of(new HistoryRecord("forgotten-1", "zone", "example.com",
                "domain", TaskState.SUCCESS, true, null, Map.of(), "default", "normal", null, "w", null, 0, at, at, at,
                List.of(new StateChange(TaskState.SUCCESS, at)), new ScanResult("r", "Scriptedzone", "example.com",
                true, Map.of("kept", true), List.of(), at, Map.of()))));

        HttpResponse<String> response = api.get("/api/v1/scan/forgotten-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("SUCCESS");
        assertThat(json(response).at("/result/data/kept").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/scan/never-existed").statusCode()).isEqualTo(404);
    }

    @Test
    void anEntityIsFoundInEveryScanThatSawIt() {
        String zoneScan = scanAndWait("zone", "example.com");
        String portScan = scanAndWait("ports", "192.0.2.1");

        JsonNode lookup = json(api.get("/api/v1/entities?value=192.0.2.1"));
        assertThat(lookup.at("/entities/0/kind").asText()).isEqualTo("ip");
        assertThat(lookup.at("/entities/0/scan_count").asInt()).isEqualTo(2);
        assertThat(lookup.at("/entities/0/first_seen").asText()).isNotBlank();
        assertThat(lookup.at("/sightings/items").findValuesAsText("task_id")).containsExactly(portScan, zoneScan);

        JsonNode prefix = json(api.get("/api/v1/entities?prefix=www.&kind=subdomain"));
        assertThat(prefix.get("entities").findValuesAsText("value")).containsExactly("www.example.com");
        assertThat(api.get("/api/v1/entities?value=a&prefix=b").statusCode()).isEqualTo(422);
        assertThat(api.get("/api/v1/entities").statusCode()).isEqualTo(422);
        assertThat(api.get("/api/v1/entities?value=x&kind=planet").statusCode()).isEqualTo(422);
    }

    @Test
    void twoScansOfAChangedZoneAreCompared() {
        String before = scanAndWait("zone", "example.com");
        zone.set(List.of("192.0.2.2", "192.0.2.3"));
        String after = scanAndWait("zone", "example.com");

        JsonNode diff = json(api.get("/api/v1/history/diff?from=" + before + "&to=" + after));
        assertThat(diff.get("added").findValuesAsText("value")).containsExactly("192.0.2.3");
        assertThat(diff.get("removed").findValuesAsText("value")).containsExactly("192.0.2.1");
        JsonNode records = diff.get("records").get(0);
        assertThat(records.get("path").asText()).isEqualTo("/dns_records");
        assertThat(records.get("added").findValuesAsText("value")).containsExactly("192.0.2.3");
        assertThat(records.get("removed").findValuesAsText("value")).containsExactly("192.0.2.1");

        JsonNode timeline = json(api.get("/api/v1/history/timeline?target=example.com&type=zone"));
        assertThat(timeline.get("scans").findValuesAsText("task_id")).containsExactly(before, after);
        assertThat(timeline.at("/scans/1/entities_added").asInt()).isEqualTo(1);
        assertThat(timeline.at("/scans/1/entities_removed").asInt()).isEqualTo(1);

        String other = scanAndWait("ports", "192.0.2.1");
        HttpResponse<String> mismatch = api.get("/api/v1/history/diff?from=" + before + "&to=" + other);
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(json(mismatch).get("detail").asText()).contains("same target");
        assertThat(api.get("/api/v1/history/diff?from=" + before).statusCode()).isEqualTo(422);
        assertThat(api.get("/api/v1/history/diff?from=" + before + "&to=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void scansAreExportedInEveryFormat() {
        String id = scanAndWait("zone", "example.com");
        scanAndWait("ports", "192.0.2.1");

        HttpResponse<String> stix = api.get("/api/v1/history/" + id + "/export?format=stix");
        assertThat(stix.statusCode()).isEqualTo(200);
        assertThat(stix.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/stix+json");
        assertThat(stix.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("osint-" + id + ".stix.json");
        assertThat(json(stix).get("type").asText()).isEqualTo("bundle");

        HttpResponse<String> csv = api.get("/api/v1/history/export?format=csv&type=zone");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(4); // header and three entities

        HttpResponse<String> gexf = api.get("/api/v1/history/export?format=gexf");
        assertThat(gexf.body()).contains("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">")
                .contains("ip:192.0.2.1");
        assertThat(json(api.get("/api/v1/history/export?format=json&limit=1")).get("scans").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/history/" + id + "/export?format=xml").statusCode()).isEqualTo(422);
        assertThat(api.get("/api/v1/history/nope/export?format=csv").statusCode()).isEqualTo(404);
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        for (String query : List.of("state=PENDING", "since=yesterday", "limit=0", "limit=5000", "cursor=%21%21",
                "q=...", "since=2026-02-01&until=2026-01-01")) {
            HttpResponse<String> response = api.get("/api/v1/history?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(422);
            assertThat(json(response).get("errors")).as(query).isNotNull();
        }
    }

    @Test
    void healthAndMetricsShowTheWriting() {
        scanAndWait("zone", "example.com");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                json(api.get("/api/v1/health")).at("/history/backlog").asLong() == 0);
        JsonNode history = json(api.get("/api/v1/health")).get("history");
        assertThat(history.get("store").asText()).isEqualTo("sqlite");
        assertThat(history.get("writing").asBoolean()).isTrue();
        assertThat(history.get("last_write_at").asText()).isNotBlank();
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("osint_history_backlog 0.0", "osint_history_writing 1.0",
                "osint_history_written_total 1.0");
    }

    private static List<String> ids(JsonNode page) {
        return page.get("scans").findValuesAsText("task_id");
    }
}
