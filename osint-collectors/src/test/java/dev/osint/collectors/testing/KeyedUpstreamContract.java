package dev.osint.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link UpstreamFailuresContract} for an upstream that takes an API key, plus the key's own failures: a missing
 * key fails at once without a request and names the variable to set; a refused one (401 or 403) is final and
 * names it too. That no text shows the key stays each collector's own test: it depends on where its upstream
 * echoes the key.
 */
public abstract class KeyedUpstreamContract extends UpstreamFailuresContract {

    /** The key the scans send; a value no text may show. */
    protected abstract String key();

    /** What the upstream answers a key it does not accept: 401 or 403 and its documented body. */
    protected abstract Answer refusedKeyAnswer();

    /**
     * What the missing-key message says besides the variable: where to get a key, or what works without one.
     */
    protected abstract String missingKeyAdvice();

    /** A target that cannot be scanned without the key ({@link #target()} unless some targets need none). */
    protected String targetThatNeedsTheKey() {
        return target();
    }

    protected String keyVariable() {
        return "OSINT_" + upstreamPrefix().toUpperCase(Locale.ROOT) + "_API_KEY";
    }

    @Override
    protected TestScanContext.Builder aScanThatCallsTheUpstream() {
        return super.aScanThatCallsTheUpstream().setting(keyVariable(), key());
    }

    @Test
    void aMissingKeyFailsAtOnceNamingTheVariableAndSendsNothing() {
        Throwable thrown = catchThrowable(() -> aScan().target(targetThatNeedsTheKey()).run());

        assertThat(thrown).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining(keyVariable()).hasMessageContaining(missingKeyAdvice());
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRefusedKeyIsAFinalFailureNamingTheVariable() {
        Answer refusal = refusedKeyAnswer();
        answerFirstRequestWith(refusal);

        Throwable thrown = catchThrowable(() -> aScanThatCallsTheUpstream().run());

        assertThat(thrown).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessage(displayName() + " refused the API key (HTTP " + refusal.status() + "): check "
                        + keyVariable());
    }
}
