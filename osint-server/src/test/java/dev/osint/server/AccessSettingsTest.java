package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Settings;
import dev.osint.queue.SubmissionQuotas;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may call and how much, by address, keys and settings. */
class AccessSettingsTest {
    private static AccessSettings on(String host, Map<String, String> values) {
        return AccessSettings.from(new Settings(values), new ServerSettings(host, 0, ServerSettings.DEFAULT_MAX_BODY_BYTES));
    }

    @Test
    void onLoopbackWithoutKeysAnyoneMayCallWithoutPerCallerQuotas() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"}) {
            AccessSettings access = on(host, Map.of());
            assertThat(access.keys().isEmpty()).as(host).isTrue();
            assertThat(access.quotas()).as(host).isEqualTo(new SubmissionQuotas(0, 0, 100_000));
        }
    }

    @Test
    void anOutsideAddressWithoutKeysIsRefusedWithWhatToSet() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertThatThrownBy(() -> on(host, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("OSINT_HOST=" + host)
                    .hasMessageContaining("Set OSINT_API_KEYS")
                    .hasMessageContaining("osint keys create")
                    .hasMessageContaining("OSINT_API_KEYS_FILE")
                    .hasMessageContaining("OSINT_ALLOW_ANONYMOUS=true");
        }
    }

    @Test
    void keysOrAnExplicitAnonymousServiceTurnThePerCallerQuotasOn() {
        AccessSettings keyed = on("0.0.0.0", Map.of("OSINT_API_KEYS", ApiKeysTest.ALICE_KEY));
        assertThat(keyed.quotas()).isEqualTo(new SubmissionQuotas(600, 1_000, 100_000));
        assertThat(on("127.0.0.1", Map.of("OSINT_API_KEYS", ApiKeysTest.ALICE_KEY)).quotas())
                .isEqualTo(new SubmissionQuotas(600, 1_000, 100_000));
        AccessSettings anonymous = on("0.0.0.0", Map.of("OSINT_ALLOW_ANONYMOUS", "true"));
        assertThat(anonymous.allowAnonymous()).isTrue();
        assertThat(anonymous.quotas()).isEqualTo(new SubmissionQuotas(600, 1_000, 100_000));
    }

    @Test
    void eachQuotaIsSetOrTurnedOffByItsSetting() {
        Map<String, String> values = new HashMap<>(Map.of("OSINT_API_KEYS", ApiKeysTest.ALICE_KEY,
                "OSINT_QUOTA_SUBMITS_PER_MINUTE", "0", "OSINT_QUOTA_MAX_QUEUED", "50", "OSINT_MAX_QUEUE_LENGTH", "0"));
        assertThat(on("127.0.0.1", values).quotas()).isEqualTo(new SubmissionQuotas(0, 50, 0));
        assertThat(on("127.0.0.1", Map.of("OSINT_QUOTA_MAX_QUEUED", "3")).quotas())
                .isEqualTo(new SubmissionQuotas(0, 3, 100_000));
        assertThatThrownBy(() -> on("127.0.0.1", Map.of("OSINT_QUOTA_MAX_QUEUED", "-1")))
                .hasMessageContaining("OSINT_QUOTA_MAX_QUEUED must be 0 (off) or more");
        assertThatThrownBy(() -> on("127.0.0.1", Map.of("OSINT_ALLOW_ANONYMOUS", "perhaps")))
                .hasMessageContaining("OSINT_ALLOW_ANONYMOUS must be true or false");
    }
}
