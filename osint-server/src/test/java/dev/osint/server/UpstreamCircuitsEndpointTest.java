package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamBreakers;
import dev.osint.collectors.social.SocialCollector;
import dev.osint.collectors.whois.WhoisCollector;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamHealth;
import dev.osint.core.UpstreamSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The circuit breakers of the process's upstreams, as /api/v1/collectors and /metrics show them. */
class UpstreamCircuitsEndpointTest {
    private ApiFixture api;

    /** A collector that declares the one upstream it calls. */
    static final class ExampleCollector implements Collector {
        @Override
        public CollectorSpec spec() {
            return CollectorSpec.builder("example", "ExampleCollector").accepts(TargetKind.DOMAIN)
                    .upstreams(UpstreamSpec.http("exampleapi", "Example API", "https://api.example")
                            .key("https://example/keys").timeout(Duration.ofMillis(2500))
                            .rateLimit(RateLimit.perMinute(30))).build();
        }

        @Override
        public CollectorOutput collect(ScanContext context) {
            return CollectorOutput.found(Map.of(), List.of());
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theRealCollectorsShowTheirOwnDeclarations() {
        api = anApi().with(new WhoisCollector(), new SocialCollector()).start();

        JsonNode collectors = json(api.get("/api/v1/collectors")).get("collectors");
        JsonNode whois = upstream(collectors, "whois", "whois");
        assertThat(whois.get("protocol").asText()).isEqualTo("whois");
        assertThat(whois.get("base_url_setting").asText()).isEqualTo("OSINT_WHOIS_SERVER");
        assertThat(whois.get("default_base_url").asText()).isEqualTo("whois.iana.org");
        assertThat(whois.get("timeout_setting").asText()).isEqualTo("OSINT_WHOIS_TIMEOUT");
        assertThat(whois.get("max_body_bytes").asLong()).isEqualTo(256 * 1024);
        assertThat(whois.get("max_redirects").asInt()).isEqualTo(2);
        assertThat(whois.get("circuit").asText()).isEqualTo("per_server");
        assertThat(upstream(collectors, "whois", "rdap").get("timeout_seconds").asDouble()).isEqualTo(15);

        JsonNode pages = upstream(collectors, "social", "user_url");
        assertThat(pages.get("user_chosen").asBoolean()).isTrue();
        assertThat(pages.get("base_url_setting").isNull()).isTrue();
        assertThat(pages.get("timeout_setting").isNull()).isTrue();
        assertThat(pages.get("max_redirects").asInt()).isEqualTo(5);
        assertThat(pages.get("circuit").asText()).isEqualTo("none");
        assertThat(upstream(collectors, "social", "github").get("base_url_setting").asText())
                .isEqualTo("OSINT_GITHUB_BASE_URL");
    }

    private static JsonNode upstream(JsonNode collectors, String type, String name) {
        for (JsonNode collector : collectors) {
            if (collector.get("type").asText().equals(type)) {
                for (JsonNode upstream : collector.get("upstreams")) {
                    if (upstream.get("name").asText().equals(name)) {
                        return upstream;
                    }
                }
            }
        }
        throw new AssertionError("no upstream " + name + " listed for " + type + ": " + collectors);
    }

    @Test
    void eachCollectorListsItsUpstreamsWithTheStateOfTheirCircuitsAndMetricsShowThem() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UpstreamBreakers breakers = UpstreamBreakers.fromSettings(new Settings(Map.of(
                UpstreamBreakers.MIN_CALLS_SETTING, "2", UpstreamBreakers.WINDOW_SETTING, "2")), registry);
        api = anApi().with(new ExampleCollector()).withUpstreams(registry, breakers).start();

        JsonNode before = json(api.get("/api/v1/collectors")).get("collectors").get(0).get("upstreams").get(0);
        assertThat(before.get("name").asText()).isEqualTo("exampleapi");
        assertThat(before.get("display_name").asText()).isEqualTo("Example API");
        assertThat(before.get("circuits")).isEmpty();
        // the declaration, as the collector made it
        assertThat(before.get("protocol").asText()).isEqualTo("http");
        assertThat(before.get("base_url_setting").asText()).isEqualTo("OSINT_EXAMPLEAPI_BASE_URL");
        assertThat(before.get("default_base_url").asText()).isEqualTo("https://api.example");
        assertThat(before.get("key_setting").asText()).isEqualTo("OSINT_EXAMPLEAPI_API_KEY");
        assertThat(before.get("timeout_seconds").asDouble()).isEqualTo(2.5);
        assertThat(before.get("timeout_setting").asText()).isEqualTo("OSINT_EXAMPLEAPI_TIMEOUT");
        assertThat(before.get("rate_limit").toString()).isEqualTo("{\"permits\":30,\"period_seconds\":60}");
        assertThat(before.get("max_body_bytes").asLong()).isEqualTo(20L << 20);
        assertThat(before.get("max_redirects").asInt()).isZero();
        assertThat(before.get("circuit").asText()).isEqualTo("one");
        assertThat(before.get("user_chosen").asBoolean()).isFalse();

        // two calls that end in a 5xx, as a worker of this process would make them
        for (int i = 0; i < 2; i++) {
            breakers.begin("exampleapi", "exampleapi", "Example API").end(UpstreamHealth.Outcome.SERVER_ERROR);
        }
        assertThat(catchThrowable(() -> breakers.begin("exampleapi", "exampleapi", "Example API")))
                .hasMessageContaining("Example API is not being called");

        JsonNode circuit = json(api.get("/api/v1/collectors")).get("collectors").get(0).get("upstreams").get(0)
                .get("circuits").get(0);
        assertThat(circuit.get("name").asText()).isEqualTo("exampleapi");
        assertThat(circuit.get("state").asText()).isEqualTo("OPEN");
        assertThat(circuit.get("retry_at").asText()).isNotEmpty();
        assertThat(circuit.get("failed_calls").asInt()).isEqualTo(2);

        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("osint_upstream_requests_seconds_count{outcome=\"5xx\",upstream=\"exampleapi\"} 2");
        assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"exampleapi\",state=\"open\"} 1.0");
    }
}
