package dev.osint.server;

import dev.osint.core.CollectorRegistry;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.EventType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events a stream wants: {@code task} and {@code type} keep the events of one task or one collector type (and
 * so no worker events); {@code event} keeps the named kinds. Absent filters keep everything.
 */
record EventFilter(String taskId, String type, Set<EventType> kinds) implements Predicate<BrokerEvent> {
    @Override
    public boolean test(BrokerEvent event) {
        if (!kinds.isEmpty() && !kinds.contains(event.type())) {
            return false;
        }
        if (taskId == null && type == null) {
            return true;
        }
        return event instanceof BrokerEvent.TaskEvent task
                && (taskId == null || taskId.equals(task.taskId()))
                && (type == null || type.equals(task.collectorType()));
    }

    /** Reads {@code task}, {@code type} and {@code event}, noting every problem in {@code params}. */
    static EventFilter from(QueryParams params, CollectorRegistry registry) {
        String taskId = params.text("task", TaskIds.MAX_LENGTH);
        if (taskId != null && !TaskIds.hasShape(taskId)) {
            taskId = params.problem("task", "is not a task id");
        }
        String type = params.text("type", 128);
        if (type != null && registry.get(type).isEmpty()) {
            type = params.problem("type", "is not a known collector type; available: "
                    + String.join(", ", registry.types()));
        }
        Set<EventType> kinds = EnumSet.noneOf(EventType.class);
        for (String name : params.list("event", 1024)) {
            Optional<EventType> kind = EventType.fromWire(name);
            if (kind.isPresent()) {
                kinds.add(kind.get());
            } else {
                params.problem("event", "'" + Printable.clip(name) + "' is not an event; events: "
                        + String.join(", ", Arrays.stream(EventType.values()).map(EventType::wireName).toList()));
            }
        }
        return new EventFilter(taskId, type, kinds);
    }
}
