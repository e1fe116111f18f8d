package dev.osint.history;

import dev.osint.core.TaskState;
import java.time.Instant;

/** A finished scan in a list: what ran, for whom, how it ended and how many entities it found. */
public record ScanSummary(String taskId, String type, String target, String targetKind, TaskState state,
                          Boolean success, String error, String worker, String owner, Instant createdAt,
                          Instant startedAt, Instant finishedAt, int entityCount) {}
