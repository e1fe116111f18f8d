package dev.osint.queue.redis;

import dev.osint.core.Json;
import dev.osint.core.Priority;
import dev.osint.core.ResultJson;
import dev.osint.core.ScanResult;
import dev.osint.core.StateChange;
import dev.osint.core.Target;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task as the Redis broker keeps it: one hash whose {@code definition} field (JSON) never changes, beside the
 * fields the scripts change ({@code state}, {@code progress}, {@code token}, …; times in epoch milliseconds), the
 * {@code history} ({@code STATE@ms,STATE@ms,…}) and copies of the type and target the scripts put in events.
 */
final class TaskHash {
    /** Every field a record is read from except the result: what a listing fetches. */
    static final String[] WITHOUT_RESULT = {"definition", "state", "progress", "stage", "error", "retries",
            "started_at", "finished_at", "worker", "history"};

    /**
     * What a task is, fixed at enqueue. The owner is also a field of its own, for the scripts that count an owner's
     * unfinished tasks. The creation time is epoch milliseconds like the hash's other times:
     * parsing an ISO-8601 instant was the largest single cost of taking a task.
     */
    private record Definition(String id, String type, Target target, Map<String, Object> options, String queue,
                              Priority priority, long createdAtMillis, String parentId, String owner) {
        Instant createdAt() {
            return Instant.ofEpochMilli(createdAtMillis);
        }
    }

    private TaskHash() {}

    static String definition(TaskRecord task) {
        return Json.write(new Definition(task.id(), task.type(), task.target(), task.options(), task.queue(),
                task.priority(), task.createdAt().toEpochMilli(), task.parentId(), task.owner()));
    }

    /**
     * A task just taken: what take.lua answers for it, plus what the taker knows already. The history stays behind
     * in Redis: a worker has no use for it.
     */
    static TaskRecord started(String definition, int retries, String worker, Instant startedAt) {
        Definition d = Json.read(definition, Definition.class);
        return new TaskRecord(d.id(), d.type(), d.target(), options(d), d.queue(), d.priority(), TaskState.STARTED, 0,
                null, null, null, retries, d.createdAt(), startedAt, null, worker, d.parentId(), d.owner(),
                List.of());
    }

    /** The stored result, its text kept for the status answer and the history's row, which then write it as is. */
    private static ScanResult result(String json) {
        if (json == null) {
            return null;
        }
        ScanResult result = Json.read(json, ScanResult.class);
        ResultJson.remember(result, json);
        return result;
    }

    static TaskRecord read(Map<String, String> fields) {
        Definition d = Json.read(fields.get("definition"), Definition.class);
        String result = fields.get("result");
        return new TaskRecord(d.id(), d.type(), d.target(), options(d), d.queue(),
                d.priority(), TaskState.valueOf(fields.get("state")), integer(fields.get("progress")),
                fields.get("stage"), result(result), fields.get("error"),
                integer(fields.get("retries")), d.createdAt(), instant(fields.get("started_at")),
                instant(fields.get("finished_at")), fields.get("worker"), d.parentId(), d.owner(),
                history(fields.get("history")));
    }

    /** Parses {@code STATE@ms,STATE@ms}; a task stored before histories were kept has none. */
    static List<StateChange> history(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<StateChange> steps = new ArrayList<>();
        for (String step : text.split(",")) {
            int at = step.indexOf('@');
            steps.add(new StateChange(TaskState.valueOf(step.substring(0, at)),
                    Instant.ofEpochMilli(Long.parseLong(step.substring(at + 1)))));
        }
        return steps;
    }

    private static Map<String, Object> options(Definition d) {
        return d.options() == null ? Map.of() : d.options();
    }

    private static int integer(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static Instant instant(String epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }
}
