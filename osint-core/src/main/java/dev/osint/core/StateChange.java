package dev.osint.core;

import java.time.Instant;

/** One step of a task's life: the state it entered and when. A task's history is a list of these, oldest first. */
public record StateChange(TaskState state, Instant at) {}
