package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamBreakers;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamHealth;
import dev.osint.core.UpstreamSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
                    .upstreams(new UpstreamSpec("exampleapi", "Example API")).build();
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
    void eachCollectorListsItsUpstreamsWithTheStateOfTheirCircuitsAndMetricsShowThem() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UpstreamBreakers breakers = UpstreamBreakers.fromSettings(new Settings(Map.of(
                UpstreamBreakers.MIN_CALLS_SETTING, "2", UpstreamBreakers.WINDOW_SETTING, "2")), registry);
        api = anApi().with(new ExampleCollector()).withUpstreams(registry, breakers).start();

        JsonNode before = json(api.get("/api/v1/collectors")).get("collectors").get(0).get("upstreams").get(0);
        assertThat(before.get("name").asText()).isEqualTo("exampleapi");
        assertThat(before.get("display_name").asText()).isEqualTo("Example API");
        assertThat(before.get("circuits")).isEmpty();

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
