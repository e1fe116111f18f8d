package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFailureTest {
    private static TaskRecord ended(TaskState state, String error) {
        TaskRecord pending = TaskRecord.pending("t-1", "dns", new Target(TargetKind.DOMAIN, "example.com"), Map.of(),
                "default", Priority.NORMAL, null, Instant.EPOCH);
        return pending.finished(state, null, error, Instant.EPOCH);
    }

    @Test
    void eachKindIsWrittenAsTheDocumentedKindColonMessage() {
        assertThat(TaskFailure.NOT_REGISTERED.error("no collector 'x'")).isEqualTo("NotRegistered: no collector 'x'");
        assertThat(TaskFailure.INVALID_OPTIONS.error("m")).isEqualTo("InvalidOptions: m");
        assertThat(TaskFailure.COLLECTOR_ERROR.error("m")).isEqualTo("CollectorError: m");
        assertThat(TaskFailure.MAX_RETRIES_EXCEEDED.error("m")).isEqualTo("MaxRetriesExceeded: m");
        assertThat(TaskFailure.SOFT_TIME_LIMIT_EXCEEDED.error("m")).isEqualTo("SoftTimeLimitExceeded: m");
        assertThat(TaskFailure.TIME_LIMIT_EXCEEDED.error("m")).isEqualTo("TimeLimitExceeded: m");
        assertThat(TaskFailure.crashed(new IllegalStateException("bug"))).isEqualTo("IllegalStateException: bug");
    }

    @Test
    void everyKindIsReadBackFromTheTextItWrote() {
        for (TaskFailure kind : TaskFailure.values()) {
            String text = kind == TaskFailure.CRASHED ? TaskFailure.crashed(new NullPointerException("x"))
                    : kind.error("a message: with a colon");
            assertThat(TaskFailure.of(ended(TaskState.FAILURE, text))).as(text).hasValue(kind);
        }
    }

    @Test
    void aKindIsMatchedWholeNotByItsFirstLetters() {
        // a collector's own exception named like a kind plus more is a crash, not that kind
        assertThat(TaskFailure.of(ended(TaskState.FAILURE, "NotRegisteredException: x")))
                .hasValue(TaskFailure.CRASHED);
        assertThat(TaskFailure.of(ended(TaskState.FAILURE, "CollectorError"))).hasValue(TaskFailure.COLLECTOR_ERROR);
    }

    @Test
    void onlyAFailedTaskHasAKind() {
        assertThat(TaskFailure.of(ended(TaskState.REVOKED, "task revoked"))).isEmpty();
        assertThat(TaskFailure.of(ended(TaskState.SUCCESS, null))).isEmpty();
        assertThat(TaskFailure.of(ended(TaskState.FAILURE, null))).isEmpty();
        TaskRecord retrying = TaskRecord.pending("t-2", "dns", new Target(TargetKind.DOMAIN, "example.com"),
                Map.of(), "default", Priority.NORMAL, null, Instant.EPOCH).retrying("CollectorError: x", Instant.EPOCH);
        assertThat(TaskFailure.of(retrying)).isEmpty();
    }
}
