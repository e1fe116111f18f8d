package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.queue.testing.TestRedis;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quotas through the API on Redis; and two API processes sharing one Redis share them. */
class RedisSubmissionQuotasTest extends SubmissionQuotasContract {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected ApiFixture anApiOnTheBroker() {
        return ApiFixture.anApi().onBroker(redis::newBroker);
    }

    @Test
    void twoApiProcessesShareEachKeysQuotas() {
        Map<String, String> settings = with(TWO_KEYS, "OSINT_QUOTA_SUBMITS_PER_MINUTE", "4",
                "OSINT_QUOTA_MAX_QUEUED", "3");
        try (ApiFixture first = anApiOnTheBroker().with(echo()).withSettings(settings).start();
             ApiFixture second = anApiOnTheBroker().with(echo()).withSettings(settings).start()) {
            int accepted = 0;
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> answer = submitAs(i % 2 == 0 ? first : second, ALICE, SCAN);
                accepted += answer.statusCode() == 200 ? 1 : 0;
            }
            assertThat(accepted).as("unfinished scans of alice, through either process").isEqualTo(3);

            String id = ApiFixture.json(submitAs(first, BOB, SCAN)).get("task_id").asText();
            assertThat(second.usingKey(BOB).delete("/api/v1/scan/" + id).statusCode()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                String next = ApiFixture.json(submitAs(i % 2 == 0 ? second : first, BOB, SCAN)).get("task_id")
                        .asText();
                first.usingKey(BOB).delete("/api/v1/scan/" + next);
            }
            HttpResponse<String> fifth = submitAs(second, BOB, SCAN);
            assertRefused(fifth, 429, "urn:osint:problem:quota-exceeded", 15);
            assertThat(fifth.body()).contains("more than 4 scans a minute");
        }
    }
}
