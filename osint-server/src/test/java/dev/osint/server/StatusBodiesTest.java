package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.core.Priority;
import dev.osint.core.ResultJson;
import dev.osint.core.ScanResult;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's status body is serialised once per record, and is always the body the record's status gives. */
class StatusBodiesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-30T00:00:01.500Z");
    private final StatusBodies bodies = new StatusBodies();

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
    void aTaskStillRunningIsAnsweredFromItsBodyUntilItsRecordChanges() {
        TaskRecord pending = pending("t1", Map.of());
        TaskRecord running = pending.started("w1", LATER);

        byte[] first = bodies.body(pending);

        assertThat(text(first)).isEqualTo(expected(pending)).contains("\"status\":\"PENDING\"");
        assertThat(bodies.body(pending)).isSameAs(first);
        assertThat(text(bodies.body(running))).isEqualTo(expected(running)).contains("\"status\":\"STARTED\"");
        assertThat(text(bodies.body(running.withProgress(40, "MX", LATER)))).contains("\"progress\":40");
    }

    @Test
    void aSuccessIsAnsweredWithTheResultsKeptTextAsTheMapperWouldWriteIt() {
        ScanResult result = new ScanResult("r1", "DNSCollector", "example.com", true,
                Map.of("dns_records", List.of(Map.of("type", "A", "value", "192.0.2.1"))),
                List.of(Entity.of(EntityKind.IP, "192.0.2.1", "dns", Map.of())), LATER, Map.of("attempts", 1));
        TaskRecord done = pending("t1", Map.of()).started("w1", NOW)
                .finished(TaskState.SUCCESS, result, null, LATER);
        String unkept = text(bodies.body(done));
        ResultJson.remember(result, Json.write(result));
        TaskRecord again = pending("t2", Map.of()).started("w1", NOW)
                .finished(TaskState.SUCCESS, result, null, LATER);

        assertThat(unkept).isEqualTo(expected(done)).contains("\"value\":\"192.0.2.1\"");
        assertThat(text(bodies.body(again))).isEqualTo(unkept.replace("\"t1\"", "\"t2\""));
    }

    @Test
    void theResultIsWrittenFromItsKeptTextNotSerialisedAgain() {
        ScanResult result = new ScanResult("r2", "DNSCollector", "example.com", true, Map.of(), List.of(), LATER,
                Map.of());
        ResultJson.remember(result, "{\"kept\":1}");
        TaskRecord done = pending("t3", Map.of()).finished(TaskState.SUCCESS, result, null, LATER);

        assertThat(text(bodies.body(done))).contains("\"result\":{\"kept\":1},");
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
        for (int i = 0; i < 4 * StatusBodies.SLOTS; i++) {
            TaskRecord done = pending("t" + i, Map.of()).finished(TaskState.REVOKED, null, null, LATER);
            assertThat(text(bodies.body(done))).isEqualTo(expected(done));
        }
    }

    @Test
    void aBodyLargerThanTheLimitIsNotKept() {
        TaskRecord large = pending("t1", Map.of("note", "x".repeat(StatusBodies.MAX_BODY_BYTES)))
                .finished(TaskState.REVOKED, null, null, LATER);

        byte[] first = bodies.body(large);

        assertThat(text(first)).isEqualTo(expected(large));
        assertThat(bodies.body(large)).isNotSameAs(first);
    }
}
