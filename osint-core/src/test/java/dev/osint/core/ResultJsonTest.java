package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A result's kept text stands only for that very object, and a property written from it reads as the mapper's. */
class ResultJsonTest {
    /** A holder as the status answer is: the result beside other fields. */
    record Holder(String before, @JsonSerialize(using = ResultJson.Serializer.class) ScanResult result, int after) {}

    private static ScanResult result(String ip) {
        return new ScanResult("r-" + ip, "DNSCollector", "example.test", true,
                Map.of("dns_records", List.of(Map.of("type", "A", "value", ip)), "text", "caf\u00e9 \"q\""),
                List.of(Entity.of(EntityKind.IP, ip, "dns", Map.of("record_type", "A"))),
                Instant.parse("2026-12-03T14:00:00Z"), Map.of("attempts", 1));
    }

    @Test
    void aKeptTextIsGivenBackForTheSameObjectOnly() {
        ScanResult one = result("192.0.2.1");
        ResultJson.remember(one, Json.write(one));

        assertThat(ResultJson.remembered(one)).isEqualTo(Json.write(one));
        assertThat(ResultJson.remembered(result("192.0.2.1"))).as("an equal object is another result").isNull();
        assertThat(ResultJson.of(result("192.0.2.2"))).isEqualTo(Json.write(result("192.0.2.2")));
    }

    @Test
    void aPropertyIsWrittenFromTheKeptTextVerbatim() {
        ScanResult kept = result("192.0.2.3");
        ResultJson.remember(kept, "{\"kept\":true}");

        assertThat(Json.write(new Holder("x", kept, 7)))
                .isEqualTo("{\"before\":\"x\",\"result\":{\"kept\":true},\"after\":7}");
    }

    @Test
    void aPropertyWithoutAKeptTextIsWrittenAsTheMapperWritesTheResult() {
        ScanResult unkept = result("192.0.2.4");
        ScanResult kept = result("192.0.2.5");
        ResultJson.remember(kept, Json.write(kept));

        assertThat(Json.write(new Holder("x", unkept, 7)))
                .isEqualTo("{\"before\":\"x\",\"result\":" + Json.write(unkept) + ",\"after\":7}");
        assertThat(Json.write(new Holder("x", kept, 7)))
                .isEqualTo("{\"before\":\"x\",\"result\":" + Json.write(kept) + ",\"after\":7}");
        assertThat(Json.write(new Holder("x", null, 7))).isEqualTo("{\"before\":\"x\",\"after\":7}");
    }

    @Test
    void aTextTooLongIsNotKept() {
        ScanResult large = result("192.0.2.6");
        ResultJson.remember(large, "x".repeat(ResultJson.MAX_CHARS + 1));

        assertThat(ResultJson.remembered(large)).isNull();
    }
}
