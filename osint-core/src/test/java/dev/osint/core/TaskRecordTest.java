package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each change of a record adds to its history, except repeated progress. */
class TaskRecordTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void everyStateChangeIsInTheHistoryWithItsTime() {
        TaskRecord task = TaskRecord.pending("t1", "dns", new Target(TargetKind.DOMAIN, "example.com"), Map.of(),
                "default", Priority.NORMAL, null, T0);

        TaskRecord done = task.started("w1", T0.plusSeconds(1))
                .withProgress(10, "a", T0.plusSeconds(2))
                .withProgress(60, "b", T0.plusSeconds(3))
                .retrying("timeout", T0.plusSeconds(4))
                .started("w2", T0.plusSeconds(5))
                .finished(TaskState.SUCCESS, null, null, T0.plusSeconds(6));

        assertThat(done.history()).containsExactly(
                new StateChange(TaskState.PENDING, T0),
                new StateChange(TaskState.STARTED, T0.plusSeconds(1)),
                new StateChange(TaskState.PROCESSING, T0.plusSeconds(2)),
                new StateChange(TaskState.RETRY, T0.plusSeconds(4)),
                new StateChange(TaskState.STARTED, T0.plusSeconds(5)),
                new StateChange(TaskState.SUCCESS, T0.plusSeconds(6)));
        assertThat(task.history()).as("records are values").hasSize(1);
    }
}
