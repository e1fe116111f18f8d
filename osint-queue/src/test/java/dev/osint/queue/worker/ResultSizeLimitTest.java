package dev.osint.queue.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.core.ResultJson;
import dev.osint.core.ScanResult;
import dev.osint.core.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A result over the cap is trimmed where it is largest, keeps its shape and types, and says what was cut. */
class ResultSizeLimitTest {
    private static final int CAP = 256 * 1024;
    private final ResultSizeLimit limit = new ResultSizeLimit(CAP);

    private static ScanResult result(Map<String, Object> data, List<Entity> entities) {
        return new ScanResult("r1", "HugeCollector", "example.com", true, data, entities, Instant.now(),
                Map.of("collector_type", "huge", "attempts", 1));
    }

    private static List<String> rows(int count, int width) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%0" + width + "d", i)).toList();
    }

    @Test
    void aResultUnderTheCapIsLeftAsItIs() {
        ScanResult small = result(Map.of("rows", rows(100, 10)), List.of());

        assertThat(limit.apply(small)).isSameAs(small);
    }

    @Test
    void aResultThatFitsKeepsTheJsonWrittenToMeasureIt() {
        ScanResult small = result(Map.of("rows", rows(100, 10), "text", "caf\u00e9 \u2603 \"quoted\""), List.of());

        ResultSizeLimit.Fitted fitted = limit.fit(small);

        assertThat(fitted.result()).isSameAs(small);
        assertThat(fitted.json()).as("what the broker would have written").isEqualTo(Json.write(small));
        assertThat(ResultJson.remembered(small)).as("kept for the status answer and the history's row")
                .isEqualTo(Json.write(small));
    }

    @Test
    void aTrimmedResultIsNotStoodForByTheTextOfTheResultItWasCutFrom() {
        ScanResult small = result(Map.of("rows", rows(100, 10)), List.of());
        ScanResult tooLarge = result(Map.of("rows", rows(5_000, 100)), List.of());

        ResultSizeLimit.Fitted trimmed = limit.fit(tooLarge);
        ScanResult equalButAnother = result(small.data(), small.entities());
        limit.fit(small);

        assertThat(ResultJson.remembered(trimmed.result())).isNull();
        assertThat(ResultJson.remembered(tooLarge)).isNull();
        assertThat(ResultJson.remembered(equalButAnother)).as("kept by identity, not by equality").isNull();
    }

    @Test
    void aResultTooLargeToKeepIsOnlyCountedAndOneOverTheCapKeepsNoJson() {
        ResultSizeLimit roomy = new ResultSizeLimit(4 << 20);
        ScanResult large = result(Map.of("rows", rows(20_000, 100)), List.of());
        ScanResult tooLarge = result(Map.of("rows", rows(50_000, 100)), List.of());

        ResultSizeLimit.Fitted unkept = roomy.fit(large);
        ResultSizeLimit.Fitted trimmed = roomy.fit(tooLarge);

        assertThat(unkept.result()).isSameAs(large);
        assertThat(unkept.json()).as("over " + ResultSizeLimit.KEPT_JSON_BYTES + " bytes: the broker writes it").isNull();
        assertThat(trimmed.result().metadata()).containsEntry("truncated", true);
        assertThat(trimmed.json()).isNull();
    }

    @Test
    void theLongestListIsCutFromItsEndAndTheShapeIsKept() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", Map.of("sites_checked", 50_000));
        data.put("results", rows(50_000, 100));
        data.put("found", rows(10, 20));
        ScanResult big = result(data, List.of(Entity.of(EntityKind.DOMAIN, "example.com", "huge")));
        assertThat(ResultSizeLimit.bytesOf(big)).isGreaterThan(5_000_000);

        ScanResult trimmed = limit.apply(big);

        assertThat(ResultSizeLimit.bytesOf(trimmed)).isLessThanOrEqualTo(CAP);
        assertThat(trimmed.metadata()).containsEntry("truncated", true).containsEntry("collector_type", "huge");
        assertThat(trimmed.metadata().get("warnings").toString()).contains("OSINT_MAX_RESULT_BYTES (262144)")
                .containsPattern("/data/results kept \\d+ of 50000 items");
        @SuppressWarnings("unchecked")
        List<String> results = (List<String>) trimmed.data().get("results");
        assertThat(results).isNotEmpty().hasSizeLessThan(50_000).startsWith(String.format("%0100d", 0));
        assertThat(trimmed.data().get("found")).isEqualTo(rows(10, 20));
        assertThat(trimmed.data().get("summary")).isEqualTo(Map.of("sites_checked", 50_000));
        assertThat(trimmed.entities()).containsExactly(Entity.of(EntityKind.DOMAIN, "example.com", "huge"));
        // still a result the API and the Redis broker read back
        assertThat(Json.read(Json.write(trimmed), ScanResult.class).data()).containsKeys("summary", "results");
    }

    @Test
    void entitiesAndNestedListsAreCutTooUntilItFits() throws Exception {
        List<Entity> entities = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            entities.add(Entity.of(EntityKind.SUBDOMAIN, "host-" + i + ".example.com", "huge",
                    Map.of("ips", List.of("192.0.2." + (i % 250)))));
        }
        Map<String, Object> data = Map.of("bruteforce", Map.of("found", rows(20_000, 60)));

        ScanResult trimmed = limit.apply(result(data, entities));

        assertThat(ResultSizeLimit.bytesOf(trimmed)).isLessThanOrEqualTo(CAP);
        assertThat(trimmed.entities()).isNotEmpty().hasSizeLessThan(20_000);
        assertThat(trimmed.entities().getFirst().value()).isEqualTo("host-0.example.com");
        assertThat(trimmed.metadata().get("warnings").toString()).contains("/entities kept")
                .contains("/data/bruteforce/found kept");
    }

    @Test
    void oneHugeTextIsShortened() throws Exception {
        ScanResult trimmed = limit.apply(result(Map.of("raw", "x".repeat(3_000_000)), List.of()));

        assertThat(ResultSizeLimit.bytesOf(trimmed)).isLessThanOrEqualTo(CAP);
        assertThat((String) trimmed.data().get("raw")).startsWith("xxx").endsWith("…").hasSizeLessThan(CAP);
        assertThat(trimmed.metadata().get("warnings").toString()).contains("/data/raw cut to");
    }

    @Test
    void manySmallFieldsThatCannotBeCutLeaveTheShapeEmpty() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < 30_000; i++) {
            data.put("field" + i, i);
        }

        ScanResult trimmed = limit.apply(result(data, List.of()));

        assertThat(ResultSizeLimit.bytesOf(trimmed)).isLessThanOrEqualTo(CAP);
        assertThat(trimmed.data()).isEmpty();
        assertThat(trimmed.metadata()).containsEntry("truncated", true);
        assertThat(trimmed.metadata().get("warnings").toString()).contains("emptied");
    }

    @Test
    void theSettingIsReadAndATinyCapRefused() {
        assertThat(ResultSizeLimit.from(new Settings(Map.of())).maxBytes()).isEqualTo(16 << 20);
        assertThat(ResultSizeLimit.from(new Settings(Map.of("OSINT_MAX_RESULT_BYTES", "1048576"))).maxBytes())
                .isEqualTo(1 << 20);
        assertThatThrownBy(() -> ResultSizeLimit.from(new Settings(Map.of("OSINT_MAX_RESULT_BYTES", "100"))))
                .hasMessageContaining("OSINT_MAX_RESULT_BYTES must be at least 65536");
    }
}
