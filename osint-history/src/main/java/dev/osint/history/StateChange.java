package dev.osint.history;

import dev.osint.core.TaskState;
import java.time.Instant;

/** One step of a task's life: the state it entered, and when. */
public record StateChange(TaskState state, Instant at) {}
