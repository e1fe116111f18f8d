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
    private final TaskRecord pending = TaskRecord.pending("t1", "dns", new Target(TargetKind.DOMAIN, "example.com"),
            Map.of(), "default", Priority.NORMAL, null, NOW);

    @Test
    void startedShowsFivePercentAndWhatRuns() {
        String json = Json.write(ScanStatus.of(pending.started("w1", NOW)));

        assertThat(json).isEqualTo("{\"task_id\":\"t1\",\"status\":\"STARTED\",\"progress\":5,\"meta\":{\"progress\":5,"
                + "\"target\":\"example.com\",\"collector_type\":\"dns\",\"retries\":0}}");
    }

    @Test
    void retryShowsTheReasonAndProgressZero() {
        String json = Json.write(ScanStatus.of(pending.started("w1", NOW).retrying("upstream answered 503")));

        assertThat(json).isEqualTo("{\"task_id\":\"t1\",\"status\":\"RETRY\",\"progress\":0,"
                + "\"meta\":{\"reason\":\"upstream answered 503\"}}");
    }

    @Test
    void failureWithoutATextSaysUnknownError() {
        String json = Json.write(ScanStatus.of(pending.finished(TaskState.FAILURE, null, null, NOW)));

        assertThat(json).isEqualTo("{\"task_id\":\"t1\",\"status\":\"FAILURE\",\"progress\":100,\"error\":\"unknown error\"}");
    }
}
