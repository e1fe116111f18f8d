package dev.osint.collectors.crtsh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.osint.core.testing.Fuzz.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Json;
import dev.osint.core.testing.Fuzz;
import dev.osint.core.testing.TestScanContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * crt.sh answers, fuzzed through the collector: rows with wrong types, odd names and dates, damaged real answers
 * and noise give a summary or a {@link CollectorException}; never another exception, never a hang.
 */
class CrtshFuzzTest {
    private static final List<String> KEYS = List.of("issuer_ca_id", "issuer_name", "common_name", "name_value",
            "id", "entry_timestamp", "not_before", "not_after", "serial_number", "result_count");
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
    private static WireMockServer crtsh;

    @BeforeContainer
    static void start() {
        crtsh = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crtsh.start();
    }

    @AfterContainer
    static void stop() {
        crtsh.stop();
    }

    private static JsonNode realAnswer() {
        try (InputStream in = CrtshFuzzTest.class.getResourceAsStream("/upstreams/crtsh/example.com.json")) {
            return Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> nameValue = Fuzz.structured().list().ofMaxSize(6).map(names -> String.join("\n", names));
        Arbitrary<String> dates = Arbitraries.of("2026-04-02T21:18:57", "2026-04-02T21:29:08.423", "2026-02-30T00:00:00",
                "2026-04-02", "+999999999-12-31T23:59:59", "-999999999-01-01T00:00:00", "2026-04-02T21:18:57Z", "");
        Arbitrary<JsonNode> rows = Arbitraries.oneOf(
                Fuzz.mutationsOf(realAnswer(), KEYS),
                Fuzz.json(KEYS, 4),
                nameValue.flatMap(names -> dates.map(date -> {
                    JsonNode row = realAnswer().get(0).deepCopy();
                    ((ObjectNode) row).put("name_value", names)
                            .put("not_before", date).put("not_after", date);
                    return Json.mapper().createArrayNode().add(row);
                })));
        return Arbitraries.oneOf(rows.map(JsonNode::toString), rows.map(JsonNode::toString), Fuzz.text());
    }

    @Property
    void anyAnswerGivesASummaryOrACollectorError(@ForAll("answers") String answer) {
        crtsh.resetAll();
        crtsh.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer)));
        TestScanContext.Builder scan = TestScanContext.aScanOf(new CrtshCollector(NOW))
                .target("example.com").setting("OSINT_CRTSH_BASE_URL", crtsh.baseUrl());
        within(Duration.ofSeconds(20), () -> {
            try {
                CollectorOutput output = scan.run();
                assertThat(Json.write(output.data())).isNotEmpty();
                assertThat(Json.write(output.entities())).isNotEmpty();
            } catch (CollectorException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            return null;
        });
    }
}
