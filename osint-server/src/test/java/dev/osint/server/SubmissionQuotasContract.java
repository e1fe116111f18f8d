package dev.osint.server;

import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quotas from outside, through the real API: each broker's test is a subclass that says which broker to use. */
abstract class SubmissionQuotasContract {
    static final String ALICE = ApiKeysTest.ALICE_KEY;
    static final String BOB = ApiKeysTest.BOB_KEY;
    static final String SCAN = "{\"target\": \"example.com\", \"type\": \"echo\"}";
    static final Map<String, String> TWO_KEYS = Map.of("OSINT_API_KEYS", "alice:" + ALICE + ",bob:" + BOB);

    private ApiFixture api;

    /** A new API fixture on this broker, not started. */
    protected abstract ApiFixture anApiOnTheBroker();

    static ScriptedCollector echo() {
        return new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of()));
    }

    ApiFixture start(Map<String, String> settings, boolean withWorker) {
        ApiFixture fixture = anApiOnTheBroker().with(echo()).withSettings(settings);
        if (withWorker) {
            fixture.withWorker();
        }
        api = fixture.start();
        return api;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> values = new HashMap<>(base);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    static HttpResponse<String> submitAs(ApiFixture api, String key, String body) {
        return api.usingKey(key).post("/api/v1/scan", body);
    }

    static void assertRefused(HttpResponse<String> answer, int status, String type, long maxRetryAfter) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(answer).get("type").asText()).isEqualTo(type);
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, maxRetryAfter);
    }

    @Test
    void aKeyPastItsSubmissionsAMinuteGets429WithRetryAfterAndOthersDoNot() {
        ApiFixture api = start(with(TWO_KEYS, "OSINT_QUOTA_SUBMITS_PER_MINUTE", "3", "OSINT_QUOTA_MAX_QUEUED", "0"),
                false);
        for (int i = 0; i < 3; i++) {
            assertThat(submitAs(api, ALICE, SCAN).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = submitAs(api, ALICE, SCAN);

        assertRefused(refused, 429, "urn:osint:problem:quota-exceeded", 20);
        assertThat(json(refused).get("detail").asText()).isEqualTo("more than 3 scans a minute were submitted with"
                + " this API key; try again after Retry-After seconds (the operator sets OSINT_QUOTA_SUBMITS_PER_MINUTE)");
        assertThat(submitAs(api, BOB, SCAN).statusCode()).isEqualTo(200);
        assertThat(api.broker.queueDepths()).containsEntry("default", 4L);
    }

    @Test
    void aKeyPastItsUnfinishedScansGets429UntilOneEnds() {
        ApiFixture api = start(with(TWO_KEYS, "OSINT_QUOTA_MAX_QUEUED", "2"), false);
        String first = json(submitAs(api, ALICE, SCAN)).get("task_id").asText();
        assertThat(submitAs(api, ALICE, SCAN).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = submitAs(api, ALICE, SCAN);
        assertRefused(refused, 429, "urn:osint:problem:quota-exceeded", 5);
        assertThat(json(refused).get("detail").asText()).startsWith("2 scans submitted with this API key are"
                + " unfinished");
        assertThat(submitAs(api, BOB, SCAN).statusCode()).isEqualTo(200);

        assertThat(api.usingKey(ALICE).delete("/api/v1/scan/" + first).statusCode()).isEqualTo(200);
        assertThat(submitAs(api, ALICE, SCAN).statusCode()).isEqualTo(200);
        assertThat(submitAs(api, ALICE, SCAN).statusCode()).isEqualTo(429);
    }

    @Test
    void scansThatFinishFreeTheirPlaces() {
        ApiFixture api = start(with(TWO_KEYS, "OSINT_QUOTA_MAX_QUEUED", "1"), true);
        for (int i = 0; i < 3; i++) {
            String id = json(submitAs(api, ALICE, SCAN)).get("task_id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    json(api.usingKey(ALICE).get("/api/v1/scan/" + id)).get("status").asText().equals("SUCCESS"));
        }
    }

    @Test
    void pastTheQueueLengthEveryoneGets503WithRetryAfter() {
        ApiFixture api = start(with(TWO_KEYS, "OSINT_MAX_QUEUE_LENGTH", "3"), false);
        submitAs(api, ALICE, SCAN);
        submitAs(api, ALICE, SCAN);
        assertThat(submitAs(api, BOB, SCAN).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = submitAs(api, BOB, SCAN);
        assertRefused(refused, 503, "urn:osint:problem:queue-full", 30);
        assertThat(json(refused).get("detail").asText()).contains("the queue is full (3 unfinished scans)")
                .contains("OSINT_MAX_QUEUE_LENGTH");
        assertThat(api.usingKey(ALICE).get("/metrics").body())
                .containsPattern("osint_requests_refused_total\\{reason=\"queue_length\"} 1");
    }

    @Test
    void anonymousCallersAreCountedByAddress() {
        ApiFixture api = start(Map.of("OSINT_QUOTA_MAX_QUEUED", "1"), false);
        assertThat(api.post("/api/v1/scan", SCAN).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = api.post("/api/v1/scan", SCAN);
        assertRefused(refused, 429, "urn:osint:problem:quota-exceeded", 5);
        assertThat(json(refused).get("detail").asText()).contains("submitted from your address");
    }

    @Test
    void anInvalidSubmissionSpendsNoQuota() {
        ApiFixture api = start(with(TWO_KEYS, "OSINT_QUOTA_SUBMITS_PER_MINUTE", "1"), false);
        for (int i = 0; i < 3; i++) {
            assertThat(submitAs(api, ALICE, "{\"target\": \"\", \"type\": \"echo\"}").statusCode()).isEqualTo(422);
            assertThat(submitAs(api, ALICE, "{\"target\": \"example.com\", \"type\": \"nope\"}").statusCode())
                    .isEqualTo(422);
        }
        assertThat(submitAs(api, ALICE, SCAN).statusCode()).isEqualTo(200);
        assertThat(submitAs(api, ALICE, SCAN).statusCode()).isEqualTo(429);
    }
}
