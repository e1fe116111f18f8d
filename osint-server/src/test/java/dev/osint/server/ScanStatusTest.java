package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Json;
import dev.osint.core.Priority;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status body per state, as the seed computes it; the states a test worker rarely stops in are checked here. */
class ScanStatusTest {
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-30T00:00:01.500Z");
    private final TaskRecord pending = TaskRecord.pending("t1", "dns", new Target(TargetKind.DOMAIN, "example.com"),
            Map.of("limit", 5), "default", Priority.NORMAL, null, NOW);

    @Test
    void startedShowsFivePercentWhatRunsAndTheRequestWithItsHistory() {
        String json = Json.write(ScanStatus.of(pending.started("w1", LATER)));

        assertThat(json).isEqualTo("{\"task_id\":\"t1\",\"status\":\"STARTED\",\"progress\":5,\"meta\":{\"progress\":5,"
                + "\"target\":\"example.com\",\"collector_type\":\"dns\",\"retries\":0},"
                + "\"collector_type\":\"dns\",\"target\":\"example.com\",\"options\":{\"limit\":5},\"queue\":\"default\","
                + "\"priority\":\"normal\",\"retries\":0,\"worker\":\"w1\",\"parent_id\":null,"
                + "\"created_at\":\"2026-11-30T00:00:00Z\",\"started_at\":\"2026-11-30T00:00:01.500Z\","
                + "\"finished_at\":null,\"history\":[{\"state\":\"PENDING\",\"at\":\"2026-11-30T00:00:00Z\"},"
                + "{\"state\":\"STARTED\",\"at\":\"2026-11-30T00:00:01.500Z\"}]}");
    }

    @Test
    void pendingKeepsItsUnknownsAsNulls() {
        String json = Json.write(ScanStatus.of(pending));

        assertThat(json).startsWith("{\"task_id\":\"t1\",\"status\":\"PENDING\",\"progress\":0,\"collector_type\":\"dns\"")
                .contains("\"worker\":null,\"parent_id\":null").contains("\"started_at\":null,\"finished_at\":null");
    }

    @Test
    void retryShowsTheReasonAndProgressZero() {
        String json = Json.write(ScanStatus.of(pending.started("w1", NOW).retrying("upstream answered 503", LATER)));

        assertThat(json).startsWith("{\"task_id\":\"t1\",\"status\":\"RETRY\",\"progress\":0,"
                + "\"meta\":{\"reason\":\"upstream answered 503\"},\"collector_type\"").contains("\"retries\":1");
    }

    @Test
    void failureWithoutATextSaysUnknownError() {
        String json = Json.write(ScanStatus.of(pending.finished(TaskState.FAILURE, null, null, LATER)));

        assertThat(json).startsWith("{\"task_id\":\"t1\",\"status\":\"FAILURE\",\"progress\":100,"
                + "\"error\":\"unknown error\",\"collector_type\"").contains("\"finished_at\":\"2026-11-30T00:00:01.500Z\"");
    }
}
