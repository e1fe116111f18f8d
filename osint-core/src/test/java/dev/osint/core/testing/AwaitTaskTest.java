package dev.osint.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Priority;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AwaitTaskTest {
    private static final TaskRecord PENDING = TaskRecord.pending("t-1", "dns",
            new Target(TargetKind.DOMAIN, "example.com"), Map.of(), "default", Priority.NORMAL, null, Instant.EPOCH);

    private final AtomicInteger reads = new AtomicInteger();

    /** The task as a broker would show it on each read: pending for the first reads, then {@code last}. */
    private Supplier<Optional<TaskRecord>> endingAfter(int pendingReads, TaskRecord last) {
        return () -> Optional.of(reads.incrementAndGet() > pendingReads ? last : PENDING);
    }

    @Test
    void theWaitEndsWithTheTaskInTheStateWanted() {
        TaskRecord done = PENDING.finished(TaskState.SUCCESS, null, null, Instant.EPOCH);

        assertThat(AwaitTask.inState(TaskState.SUCCESS, endingAfter(3, done))).isSameAs(done);
    }

    @Test
    void aTaskThatEndedOtherwiseFailsAtOnceShowingItsError() {
        TaskRecord failed = PENDING.finished(TaskState.FAILURE, null, "CollectorError: no key", Instant.EPOCH);

        assertThatThrownBy(() -> AwaitTask.inState(TaskState.SUCCESS, endingAfter(2, failed)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected SUCCESS, but task t-1 ended FAILURE (error: CollectorError: no key)");
        assertThat(reads).as("no read after the one that showed the end").hasValue(3);
    }

    @Test
    void endedIsAnyFinalState() {
        TaskRecord revoked = PENDING.finished(TaskState.REVOKED, null, "task revoked", Instant.EPOCH);

        assertThat(AwaitTask.ended(endingAfter(2, revoked)).state()).isEqualTo(TaskState.REVOKED);
    }

    @Test
    void anAnswerOfTheApiIsReadByItsStatusField() {
        Map<String, String> processing = Map.of("status", "PROCESSING");
        Map<String, String> answer = AwaitTask.until(TaskState.PROCESSING,
                () -> reads.incrementAndGet() < 3 ? Map.<String, String>of() : processing, a -> a.get("status"));

        assertThat(answer).isSameAs(processing);
    }
}
