package dev.osint.collectors.whois;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.osint.collectors.net.FailureKind;
import dev.osint.collectors.net.UpstreamBreakers;
import dev.osint.collectors.testing.LoopbackWhoisServer;
import dev.osint.core.CollectorOutput;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.Settings;
import dev.osint.core.testing.TestScanContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Port-43 WHOIS servers as upstreams: a circuit breaker per server ({@code whois:<host>}), a rate limit per server,
 * and every exchange counted under {@code upstream="whois"}, as RDAP's calls are.
 */
class WhoisCircuitsTest {
    private final WhoisCollector collector = new WhoisCollector(WhoisCollectorRdapTest.FRESH_BOOTSTRAP);
    private LoopbackWhoisServer iana;
    private LoopbackWhoisServer registry;
    private LoopbackWhoisServer registrar;
    private MeterRegistry meters;
    private UpstreamBreakers breakers;

    @BeforeEach
    void start() {
        iana = LoopbackWhoisServer.start().answer("jh2i.com", Fixtures.whoisText("iana-jh2i.com.txt"));
        registry = LoopbackWhoisServer.start().answer("jh2i.com", Fixtures.whoisText("verisign-jh2i.com.txt"));
        registrar = LoopbackWhoisServer.start().answer("jh2i.com", Fixtures.whoisText("google-jh2i.com.txt"));
        meters = new SimpleMeterRegistry();
        breakers = UpstreamBreakers.fromSettings(new Settings(Map.of(
                UpstreamBreakers.MIN_CALLS_SETTING, "2", UpstreamBreakers.WINDOW_SETTING, "2",
                UpstreamBreakers.OPEN_SECONDS_SETTING, "60")), meters);
    }

    @AfterEach
    void stop() {
        iana.close();
        registry.close();
        registrar.close();
    }

    private TestScanContext.Builder scan(String registrarAddress) {
        return aScanOf(collector).target("jh2i.com").option("rdap", false).upstreams(breakers)
                .setting("OSINT_WHOIS_SERVER", iana.address())
                .setting("OSINT_WHOIS_HOSTS", "whois.verisign-grs.com=" + registry.address()
                        + ",whois.google.com=" + registrarAddress)
                .setting("OSINT_WHOIS_TIMEOUT", "0.5");
    }

    private long counted(String outcome) {
        Timer timer = meters.find("osint.upstream.requests").tags("upstream", "whois", "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private String state(String circuit) {
        return breakers.circuits("whois").stream().filter(c -> c.name().equals(circuit)).findFirst()
                .orElseThrow(() -> new AssertionError("no circuit " + circuit + " in " + breakers.circuits("whois")))
                .state();
    }

    @Test
    void eachServerHasItsOwnCircuitAndRateLimitAndEveryExchangeIsCounted() throws Exception {
        TestScanContext context = scan(registrar.address()).build();

        CollectorOutput output = collector.collect(context);

        assertThat(output.data()).containsEntry("registrar", "Google LLC");
        assertThat(breakers.circuits("whois")).extracting(c -> c.name() + " " + c.state()).containsExactly(
                "whois:" + iana.address() + " CLOSED", "whois:whois.google.com CLOSED",
                "whois:whois.verisign-grs.com CLOSED");
        assertThat(context.throttledKeys).containsExactly("whois:" + iana.address() + " 2 per 1 s",
                "whois:whois.verisign-grs.com 2 per 1 s", "whois:whois.google.com 2 per 1 s");
        assertThat(counted("answered")).isEqualTo(3);
    }

    @Test
    void aSilentFirstServerOpensItsCircuitAndTheNextScanFailsFastWithoutConnecting() {
        iana.silent();
        for (int i = 0; i < 2; i++) {
            assertThat(catchThrowable(() -> scan(registrar.address()).run()))
                    .isInstanceOf(RetryableCollectorException.class)
                    .hasMessageContaining("did not answer within 500 ms");
        }
        assertThat(state("whois:" + iana.address())).isEqualTo("OPEN");
        assertThat(counted("timeout")).isEqualTo(2);
        int connectionsBefore = iana.connections();

        Throwable fast = catchThrowable(() -> scan(registrar.address()).run());

        assertThat(fast).isInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith("WHOIS server " + iana.address() + " is not being called: its circuit"
                        + " breaker is open after 2 of its last 2 calls failed")
                .hasMessageContaining("it will be tried again at");
        assertThat(FailureKind.of(fast)).hasValue(FailureKind.CIRCUIT_OPEN);
        assertThat(((RetryableCollectorException) fast).retryAfter()).isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(iana.connections()).as("no connection while its circuit is open").isEqualTo(connectionsBefore);
        assertThat(counted("timeout")).as("a call refused by its circuit is not counted").isEqualTo(2);
    }

    @Test
    void aRegistrarWhoseCircuitIsOpenIsSkippedAndTheRegistryAnswerStands() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nobody listens there once it is closed
        }
        String nowhere = "127.0.0.1:" + closedPort;
        for (int i = 0; i < 2; i++) {
            CollectorOutput output = scan(nowhere).run();
            assertThat((List<?>) output.metadata().get("whois_problems")).singleElement().asString()
                    .startsWith("WHOIS server whois.google.com could not be reached");
        }
        assertThat(counted("connect_error")).isEqualTo(2);
        assertThat(state("whois:whois.google.com")).isEqualTo("OPEN");
        assertThat(state("whois:whois.verisign-grs.com")).as("one server down opens no other's").isEqualTo("CLOSED");

        CollectorOutput output = scan(registrar.address()).run();

        assertThat(output.success()).isTrue();
        assertThat(output.data()).containsEntry("referral_chain", List.of(iana.address(), "whois.verisign-grs.com"));
        assertThat((List<?>) output.metadata().get("whois_problems")).singleElement().asString()
                .startsWith("WHOIS server whois.google.com is not being called: its circuit breaker is open");
        assertThat(registrar.connections()).isZero();
    }
}
