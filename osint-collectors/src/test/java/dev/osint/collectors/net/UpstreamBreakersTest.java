package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.core.UpstreamSpec;
import dev.osint.core.testing.TestScanContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker of one upstream against WireMock faults: closed → open (after 5xx, resets, timeouts) →
 * failing fast → half-open after the wait → closed by a good probe. The breakers are shared by the scans, as
 * they are by the scans of a worker process.
 */
class UpstreamBreakersTest {
    private static final String PATH = "/v1/lookup";
    private static final Map<String, String> BREAKER = Map.of(
            UpstreamBreakers.FAILURE_RATE_SETTING, "50",
            UpstreamBreakers.MIN_CALLS_SETTING, "3",
            UpstreamBreakers.WINDOW_SETTING, "4",
            UpstreamBreakers.OPEN_SECONDS_SETTING, "0.5",
            UpstreamBreakers.HALF_OPEN_CALLS_SETTING, "1");

    private static final UpstreamSpec EXAMPLE = UpstreamSpec.http("example", "Example API", "https://api.example");

    private WireMockServer api;
    private SimpleMeterRegistry meters;
    private UpstreamBreakers breakers;

    @BeforeEach
    void start() {
        api = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
        meters = new SimpleMeterRegistry();
        breakers = UpstreamBreakers.fromSettings(new Settings(BREAKER), meters);
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    /** One call to "Example API" (prefix EXAMPLE) as a collector makes it, in a scan of its own. */
    private Throwable call() {
        Map<String, String> settings = new HashMap<>(Map.of("OSINT_EXAMPLE_BASE_URL", api.baseUrl(),
                "OSINT_EXAMPLE_TIMEOUT", "3"));
        TestScanContext context = TestScanContext.aScanOf(new DomainReportProbe()).target("example.com")
                .upstreams(breakers).build();
        Upstream upstream = Upstream.of(new Settings(settings), EXAMPLE);
        return catchThrowable(() -> new UpstreamClient(context, upstream).get(PATH).json());
    }

    private String state() {
        return breakers.circuits("example").getFirst().state();
    }

    private int requests() {
        return api.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
    }

    @Test
    void repeated_5xx_open_the_circuit_and_the_next_calls_fail_fast_naming_the_upstream_and_when() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 3; i++) {
            assertThat(FailureKind.of(call())).hasValue(FailureKind.SERVER_ERROR);
        }
        assertThat(state()).isEqualTo("OPEN");

        Instant before = Instant.now();
        Throwable fast = call();
        assertThat(fast).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageStartingWith("Example API is not being called: its circuit breaker is open after 3 of"
                        + " its last 3 calls failed")
                .hasMessageContaining("it will be tried again at ");
        assertThat(FailureKind.of(fast)).hasValue(FailureKind.CIRCUIT_OPEN);
        // a retry is asked for when the circuit half-opens, not before
        Duration wait = ((UpstreamUnavailableException) fast).retryAfter();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(breakers.circuits("example").getFirst().retryAt()).isAfter(before);
        assertThat(requests()).as("no request while open").isEqualTo(3);
    }

    @Test
    void connection_resets_and_timeouts_are_failures_too() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(FailureKind.of(call())).hasValue(FailureKind.NETWORK_ERROR);
        assertThat(FailureKind.of(call())).hasValue(FailureKind.NETWORK_ERROR);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")
                .withFixedDelay(6_000)));
        assertThat(FailureKind.of(call())).hasValue(FailureKind.TIMEOUT);

        assertThat(state()).isEqualTo("OPEN");
        assertThat(FailureKind.of(call())).hasValue(FailureKind.CIRCUIT_OPEN);
    }

    @Test
    void a_refused_key_a_404_or_a_429_never_open_it() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        for (int i = 0; i < 4; i++) {
            assertThat(call()).isNull(); // a 404 is "not found", an answer
        }
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403).withBody("forbidden")));
        for (int i = 0; i < 4; i++) {
            assertThat(FailureKind.of(call())).hasValue(FailureKind.REQUEST_REFUSED);
        }
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)));
        for (int i = 0; i < 4; i++) {
            assertThat(FailureKind.of(call())).hasValue(FailureKind.RATE_LIMITED);
        }

        assertThat(state()).isEqualTo("CLOSED");
        assertThat(requests()).isEqualTo(12);
    }

    @Test
    void after_the_wait_one_probe_goes_through_and_its_success_closes_the_circuit() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 3; i++) {
            call();
        }
        assertThat(state()).isEqualTo("OPEN");

        await().atMost(Duration.ofSeconds(5)).until(() -> state().equals("HALF_OPEN"));
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{\"ok\": true}")));

        assertThat(call()).isNull();
        assertThat(state()).isEqualTo("CLOSED");
        assertThat(call()).isNull();
        assertThat(requests()).isEqualTo(5);
    }

    @Test
    void a_failed_probe_opens_it_again() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)));
        for (int i = 0; i < 3; i++) {
            call();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> state().equals("HALF_OPEN"));

        assertThat(FailureKind.of(call())).hasValue(FailureKind.SERVER_ERROR);
        assertThat(state()).isEqualTo("OPEN");
        assertThat(FailureKind.of(call())).hasValue(FailureKind.CIRCUIT_OPEN);
        assertThat(requests()).isEqualTo(4);
    }

    @Test
    void every_answer_is_counted_by_upstream_and_outcome_and_the_state_is_a_metric() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));
        call();
        call();
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        call();

        assertThat(meters.get(UpstreamBreakers.METRIC).tag("upstream", "example").tag("outcome", "2xx").timer()
                .count()).isEqualTo(2);
        assertThat(meters.get(UpstreamBreakers.METRIC).tag("upstream", "example").tag("outcome", "5xx").timer()
                .count()).isEqualTo(1);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "example").tag("state", "closed")
                .gauge().value()).isEqualTo(1.0);
    }

    @Test
    void a_failure_rate_of_zero_turns_circuit_breakers_off_but_still_counts() {
        Map<String, String> off = new HashMap<>(BREAKER);
        off.put(UpstreamBreakers.FAILURE_RATE_SETTING, "0");
        breakers = UpstreamBreakers.fromSettings(new Settings(off), meters);
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 6; i++) {
            assertThat(FailureKind.of(call())).hasValue(FailureKind.SERVER_ERROR);
        }
        assertThat(requests()).isEqualTo(6);
        assertThat(breakers.circuits("example")).isEmpty();
        assertThat(meters.get(UpstreamBreakers.METRIC).tag("outcome", "5xx").timer().count()).isEqualTo(6);
    }

    @Test
    void the_settings_are_checked() {
        assertThatThrownBy(() -> UpstreamBreakers.fromSettings(new Settings(Map.of(
                UpstreamBreakers.FAILURE_RATE_SETTING, "150")), meters))
                .hasMessageContaining("OSINT_BREAKER_FAILURE_RATE");
        assertThat(UpstreamHealth.Outcome.ofStatus(404).isFailure()).isFalse();
    }
}
