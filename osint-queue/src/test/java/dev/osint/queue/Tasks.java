package dev.osint.queue;

import dev.osint.core.Priority;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Test-data builders that read like sentences: {@code aTask().onQueue("slow").withPriority(HIGH).build()}. */
public final class Tasks {
    private String type = "ping";
    private String queue = "default";
    private Priority priority = Priority.NORMAL;
    private String target = "example.test";
    private Map<String, Object> options = Map.of();
    private String owner;
    private Instant createdAt;
    private String parentId;

    public static Tasks aTask() {
        return new Tasks();
    }

    public Tasks ofType(String value) { this.type = value; return this; }
    public Tasks onQueue(String value) { this.queue = value; return this; }
    public Tasks withPriority(Priority value) { this.priority = value; return this; }
    public Tasks forTarget(String value) { this.target = value; return this; }
    public Tasks withOptions(Map<String, Object> value) { this.options = value; return this; }
    public Tasks ownedBy(String value) { this.owner = value; return this; }
    public Tasks createdAt(Instant value) { this.createdAt = value; return this; }
    public Tasks childOf(String value) { this.parentId = value; return this; }

    public TaskRecord build() {
        return TaskRecord.pending(UUID.randomUUID().toString(), type, new Target(TargetKind.DOMAIN, target), options,
                queue, priority, parentId, createdAt == null ? Instant.now() : createdAt).withOwner(owner);
    }
}
