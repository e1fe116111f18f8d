package dev.osint.queue.redis;

import dev.osint.core.Json;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.EventType;
import dev.osint.queue.WorkerInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An entry of the Redis event stream, as the scripts write it: {@code event} (the wire name), {@code at} (ms), then
 * for a task {@code task}, {@code type}, {@code target}, {@code state}, {@code progress}, {@code stage},
 * {@code worker}, {@code retries}, {@code error}; for a worker {@code worker} and {@code info} (its last heartbeat
 * as JSON). Empty fields stand for none.
 */
final class EventEntry {
    private EventEntry() {}

    /** The event, or empty for an entry this version does not know (written by a newer one). */
    static Optional<BrokerEvent> read(String id, Map<String, String> fields) {
        Optional<EventType> type = EventType.fromWire(fields.get("event"));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochMilli(Long.parseLong(fields.get("at")));
        if (type.get().isTaskEvent()) {
            String state = fields.get("state");
            return Optional.of(new BrokerEvent.TaskEvent(id, type.get(), at, fields.get("task"), text(fields, "type"),
                    text(fields, "target"), state == null || state.isEmpty() ? null : TaskState.valueOf(state),
                    number(fields, "progress"), text(fields, "stage"), text(fields, "worker"),
                    number(fields, "retries"), text(fields, "error")));
        }
        String info = text(fields, "info");
        return Optional.of(new BrokerEvent.WorkerEvent(id, type.get(), at, fields.get("worker"),
                info == null ? null : Json.read(info, WorkerInfo.class)));
    }

    private static String text(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static int number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
