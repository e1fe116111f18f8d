package dev.osint.history.testing;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskState;
import dev.osint.history.HistoryRecord;
import dev.osint.core.StateChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finished scans for tests, built like {@code aScan("dns", "example.com").at(t).with(ip("192.0.2.1")).build()}. */
public final class Scans {
    private String taskId = UUID.randomUUID().toString();
    private final String type;
    private final String target;
    private String targetKind = "domain";
    private TaskState state = TaskState.SUCCESS;
    private Instant finishedAt = Instant.parse("2026-11-01T10:00:00Z");
    private final List<Entity> entities = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private String error;
    private String owner;

    private Scans(String type, String target) {
        this.type = type;
        this.target = target;
    }

    public static Scans aScan(String type, String target) {
        return new Scans(type, target);
    }

    public Scans id(String id) {
        this.taskId = id;
        return this;
    }

    public Scans kind(String kind) {
        this.targetKind = kind;
        return this;
    }

    public Scans at(Instant at) {
        this.finishedAt = at;
        return this;
    }

    public Scans at(String iso) {
        return at(Instant.parse(iso));
    }

    public Scans failed(String why) {
        this.state = TaskState.FAILURE;
        this.error = why;
        return this;
    }

    public Scans revoked() {
        this.state = TaskState.REVOKED;
        this.error = "task revoked";
        return this;
    }

    public Scans ownedBy(String who) {
        this.owner = who;
        return this;
    }

    public Scans with(Entity... found) {
        entities.addAll(List.of(found));
        return this;
    }

    public Scans data(String key, Object value) {
        data.put(key, value);
        return this;
    }

    public HistoryRecord build() {
        ScanResult result = state == TaskState.SUCCESS ? new ScanResult(UUID.randomUUID().toString(),
                type.toUpperCase() + "Collector", target, true, Map.copyOf(data), List.copyOf(entities), finishedAt,
                Map.of()) : null;
        Instant created = finishedAt.minusSeconds(3);
        Instant started = finishedAt.minusSeconds(2);
        return new HistoryRecord(taskId, type, target, targetKind, state, result == null ? null : true, error,
                Map.of("timeout", 10), "default", "normal", null, "worker@test", owner, 0, created, started,
                finishedAt, List.of(new StateChange(TaskState.PENDING, created),
                new StateChange(TaskState.STARTED, started), new StateChange(state, finishedAt)), result);
    }

    public static Entity ip(String value) {
        return Entity.of(EntityKind.IP, value, "dns", Map.of("record_type", "A"));
    }

    public static Entity subdomain(String value) {
        return Entity.of(EntityKind.SUBDOMAIN, value, "crtsh");
    }

    public static Entity entity(EntityKind kind, String value, Map<String, Object> attributes) {
        return Entity.of(kind, value, "test", attributes);
    }
}
