package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Json;
import dev.osint.core.Priority;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A final task's status body is serialised once per record, and is always the body the record's status gives. */
class FinalStatusBodiesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-30T00:00:01.500Z");
    private final FinalStatusBodies bodies = new FinalStatusBodies();

    private static TaskRecord pending(String id, Map<String, Object> options) {
        return TaskRecord.pending(id, "dns", new Target(TargetKind.DOMAIN, "example.com"), options, "default",
                Priority.NORMAL, null, NOW);
    }

    private static String expected(TaskRecord task) {
        return Json.write(ScanStatus.of(task));
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aFinalTaskIsSerialisedOnceAndAnsweredWithTheSameBytes() {
        TaskRecord done = pending("t1", Map.of("limit", 5)).started("w1", NOW)
                .finished(TaskState.FAILURE, null, "Timeout: too slow", LATER);

        byte[] first = bodies.body(done);

        assertThat(text(first)).isEqualTo(expected(done));
        assertThat(bodies.body(done)).isSameAs(first);
    }

    @Test
    void aTaskStillRunningIsSerialisedEachTime() {
        TaskRecord running = pending("t1", Map.of()).started("w1", LATER);

        byte[] first = bodies.body(running);

        assertThat(text(first)).isEqualTo(expected(running));
        assertThat(bodies.body(running)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void aNewRecordOfTheSameTaskIsNeverAnsweredWithTheOldOnesBody() {
        TaskRecord pending = pending("t1", Map.of());
        TaskRecord failed = pending.finished(TaskState.FAILURE, null, "first", LATER);
        TaskRecord revoked = pending.finished(TaskState.REVOKED, null, null, LATER);
        bodies.body(failed);

        assertThat(text(bodies.body(revoked))).isEqualTo(expected(revoked)).contains("\"status\":\"REVOKED\"");
        assertThat(text(bodies.body(failed))).isEqualTo(expected(failed));
    }

    @Test
    void tasksWhoseIdsShareASlotEachGetTheirOwnBody() {
        for (int i = 0; i < 4 * FinalStatusBodies.SLOTS; i++) {
            TaskRecord done = pending("t" + i, Map.of()).finished(TaskState.REVOKED, null, null, LATER);
            assertThat(text(bodies.body(done))).isEqualTo(expected(done));
        }
    }

    @Test
    void aBodyLargerThanTheLimitIsNotKept() {
        TaskRecord large = pending("t1", Map.of("note", "x".repeat(FinalStatusBodies.MAX_BODY_BYTES)))
                .finished(TaskState.REVOKED, null, null, LATER);

        byte[] first = bodies.body(large);

        assertThat(text(first)).isEqualTo(expected(large));
        assertThat(bodies.body(large)).isNotSameAs(first);
    }
}
