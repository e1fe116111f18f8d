package dev.osint.queue.redis;

import dev.osint.core.Json;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.EventIds;
import dev.osint.queue.EventType;
import dev.osint.queue.WorkerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An entry of the Redis event stream, as the scripts write it (flushEvents in {@code includes/common.lua}): all the
 * events of one script call, at most {@link #MOST_EVENTS}, in two fields: {@code at} (ms) and {@code events}, a
 * JSON array holding one array of strings per event, oldest first: a task's {@code [event, task, type, target,
 * state, progress, stage, worker, retries, error]}, a worker's {@code [event, worker, info]} (info: its last
 * heartbeat as JSON). {@code event} is the wire name; empty strings stand for none. Appending an entry costs Redis
 * about the same for one event as for many, so a batch of tasks writes one.
 *
 * <p>Each event has an id of its own, {@code <ms>-<n>} as {@link EventIds} wants: for the {@code i}-th of {@code m}
 * events (from 0) in the entry {@code <ms>-<s>}, {@code n = s * MOST_EVENTS + MOST_EVENTS - m + i}. Ids increase
 * with the entries' and within one; the last event of an entry always has index {@code MOST_EVENTS - 1}, so an id
 * tells whether events of its entry follow it ({@link Position}) and the newest event's id follows from the newest
 * entry's id alone.
 *
 * <p>An entry written before this format (one event, its values in fields of their own: {@code event}, {@code at},
 * {@code task}, …) still reads, as a one-event entry: processes of both versions may share a stream for a while.
 */
final class EventEntry {
    /** The most events one entry holds (EVENTS_PER_ENTRY in the scripts). */
    static final int MOST_EVENTS = 1024;

    private EventEntry() {}

    /** Where an event id points: the entry it belongs to and its index there. */
    record Position(long millis, long entrySequence, int index) {
        static Position of(String eventId) {
            long[] parts = EventIds.parse(eventId);
            return new Position(parts[0], Long.divideUnsigned(parts[1], MOST_EVENTS),
                    (int) Long.remainderUnsigned(parts[1], MOST_EVENTS));
        }

        String entryId() {
            return millis + "-" + entrySequence;
        }

        /** Whether the event is its entry's last: the events after it start with the next entry. */
        boolean endsItsEntry() {
            return index == MOST_EVENTS - 1;
        }

        /** The id just before this one's entry, to read the entry itself with the exclusive XREAD. */
        String beforeEntryId() {
            if (entrySequence > 0) {
                return millis + "-" + (entrySequence - 1);
            }
            return millis == 0 ? EventIds.START : (millis - 1) + "-" + Long.toUnsignedString(-1L);
        }
    }

    /** The id of the newest event of the entry {@code entryId}. */
    static String lastEventIdOf(String entryId) {
        long[] parts = EventIds.parse(entryId);
        return EventIds.of(parts[0], parts[1] * MOST_EVENTS + MOST_EVENTS - 1);
    }

    /**
     * The events of an entry, oldest first, with their ids, leaving out those at or before {@code after} and those
     * this version does not know (written by a newer one).
     */
    static List<BrokerEvent> read(String entryId, Map<String, String> fields, Position after) {
        long[] id = EventIds.parse(entryId);
        String packed = fields.get("events");
        if (packed == null) {
            return fields.containsKey("event") ? one(id, fields, after) : List.of();
        }
        String[][] values = Json.read(packed, String[][].class);
        Instant at = Instant.ofEpochMilli(Long.parseLong(fields.get("at")));
        boolean sameEntry = after.millis() == id[0] && after.entrySequence() == id[1];
        int firstIndex = MOST_EVENTS - values.length;
        List<BrokerEvent> events = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            int index = firstIndex + i;
            if (sameEntry && index <= after.index()) {
                continue;
            }
            event(EventIds.of(id[0], id[1] * MOST_EVENTS + index), at, values[i]).ifPresent(events::add);
        }
        return events;
    }

    private static Optional<BrokerEvent> event(String id, Instant at, String[] v) {
        Optional<EventType> type = EventType.fromWire(v[0]);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (type.get().isTaskEvent()) {
            return Optional.of(new BrokerEvent.TaskEvent(id, type.get(), at, v[1], text(v[2]), text(v[3]),
                    v[4].isEmpty() ? null : TaskState.valueOf(v[4]), number(v[5]), text(v[6]), text(v[7]),
                    number(v[8]), text(v[9])));
        }
        String info = text(v[2]);
        return Optional.of(new BrokerEvent.WorkerEvent(id, type.get(), at, v[1],
                info == null ? null : Json.read(info, WorkerInfo.class)));
    }

    /** An entry in the earlier format: one event, a field per value. */
    private static List<BrokerEvent> one(long[] id, Map<String, String> f, Position after) {
        boolean sameEntry = after.millis() == id[0] && after.entrySequence() == id[1];
        if (sameEntry && after.endsItsEntry()) {
            return List.of();
        }
        boolean task = EventType.fromWire(f.get("event")).map(EventType::isTaskEvent).orElse(false);
        String[] values = task
                ? new String[] {f.get("event"), f.get("task"), f.get("type"), f.get("target"), f.get("state"),
                        f.get("progress"), f.get("stage"), f.get("worker"), f.get("retries"), f.get("error")}
                : new String[] {f.get("event"), f.get("worker"), f.get("info")};
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] == null ? "" : values[i];
        }
        Instant at = Instant.ofEpochMilli(Long.parseLong(f.get("at")));
        return event(EventIds.of(id[0], id[1] * MOST_EVENTS + MOST_EVENTS - 1), at, values).stream().toList();
    }

    private static String text(String value) {
        return value.isEmpty() ? null : value;
    }

    private static int number(String value) {
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
