package dev.osint.collectors.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The failures every HTTP collector meets the same way, whatever its upstream: no answer within the timeout, a 429
 * with Retry-After, a 5xx. Each is worth a retry, and its message names the upstream and, for the timeout, the
 * setting. A collector's test extends this (or {@link KeyedUpstreamContract}) with the first request its scan
 * makes and the answers its upstream is documented to send.
 */
public abstract class UpstreamFailuresContract extends CollectorTestBase {
    /** An answer of the upstream: its status and the fixture file holding its body ({@code null}: no body). */
    public record Answer(int status, String file) {}

    /** The name every error text of this upstream starts with ({@code crt.sh}, {@code Shodan}). */
    protected abstract String displayName();

    /** The target of the scans below. */
    protected abstract String target();

    /** The URL path of the first request a scan of {@link #target()} makes. */
    protected abstract String firstPath();

    /** What the upstream answers when it limits the rate: a 429 and its body (it comes with Retry-After here). */
    protected abstract Answer rateLimitAnswer();

    /** A 5xx the upstream is known to answer (a 503 without a body unless said otherwise). */
    protected Answer serverErrorAnswer() {
        return new Answer(503, null);
    }

    /** A scan of {@link #target()} that gets as far as its first request (keyed upstreams add their key). */
    protected TestScanContext.Builder aScanThatCallsTheUpstream() {
        return aScan().target(target());
    }

    protected String timeoutVariable() {
        return "OSINT_" + upstreamPrefix().toUpperCase(Locale.ROOT) + "_TIMEOUT";
    }

    /** Stubs {@link #firstPath()} with {@code answer}, adding headers as name, value pairs. */
    protected void answerFirstRequestWith(Answer answer, String... headerPairs) {
        ResponseDefinitionBuilder response = answer.file() == null ? aResponse().withStatus(answer.status())
                : answerFromFile(answer.status(), answer.file());
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            response = response.withHeader(headerPairs[i], headerPairs[i + 1]);
        }
        stub(get(urlPathEqualTo(firstPath())).willReturn(response));
    }

    @Test
    void anUpstreamThatDoesNotAnswerInTimeIsRetriedNamingTheTimeoutSetting() {
        stub(get(urlPathEqualTo(firstPath())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}").withFixedDelay(3_000)));

        RetryableCollectorException thrown = catchThrowableOfType(RetryableCollectorException.class,
                () -> aScanThatCallsTheUpstream().setting(timeoutVariable(), "0.3").run());

        assertThat(thrown).as("a scan whose upstream stays silent past its timeout").isNotNull()
                .hasMessage(displayName() + " did not answer within 0.3 s; it will be tried again ("
                        + timeoutVariable() + " sets the timeout in seconds)");
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheUpstreamAsked() {
        answerFirstRequestWith(rateLimitAnswer(), "Retry-After", "42");

        RetryableCollectorException thrown = catchThrowableOfType(RetryableCollectorException.class,
                () -> aScanThatCallsTheUpstream().run());

        assertThat(thrown).as("a scan answered 429").isNotNull()
                .hasMessage(displayName() + " is rate limiting requests (HTTP 429); it asked to retry after 42 s");
        assertThat(thrown.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aServerErrorIsRetriedWithTheQueuesBackoff() {
        Answer error = serverErrorAnswer();
        answerFirstRequestWith(error);

        RetryableCollectorException thrown = catchThrowableOfType(RetryableCollectorException.class,
                () -> aScanThatCallsTheUpstream().run());

        assertThat(thrown).as("a scan answered %d", error.status()).isNotNull()
                .hasMessage(displayName() + " is unavailable (HTTP " + error.status()
                        + "); it will be tried again with backoff");
        assertThat(thrown.retryAfter()).isNull();
    }
}
