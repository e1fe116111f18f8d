package dev.osint.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A task's life cycle, as Celery names it; the allowed moves live in one table. */
public enum TaskState {
    PENDING, STARTED, PROCESSING, RETRY, SUCCESS, FAILURE, REVOKED;

    private static final Map<TaskState, Set<TaskState>> NEXT = Map.of(
            PENDING, EnumSet.of(STARTED, REVOKED, FAILURE),
            STARTED, EnumSet.of(PROCESSING, SUCCESS, FAILURE, RETRY, REVOKED, PENDING),
            PROCESSING, EnumSet.of(PROCESSING, SUCCESS, FAILURE, RETRY, REVOKED, PENDING),
            RETRY, EnumSet.of(STARTED, REVOKED, FAILURE),
            SUCCESS, EnumSet.noneOf(TaskState.class),
            FAILURE, EnumSet.noneOf(TaskState.class),
            REVOKED, EnumSet.noneOf(TaskState.class));

    /** True once nothing more will happen to the task. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }

    /** True while a worker holds the task. */
    public boolean isRunning() {
        return this == STARTED || this == PROCESSING;
    }

    /** Whether a task in this state may move to {@code next} (a running task goes back to PENDING when its worker hands it back). */
    public boolean canMoveTo(TaskState next) {
        return NEXT.get(this).contains(next);
    }

    /** Throws when the move is not allowed; keeps an illegal transition from going unnoticed. */
    public TaskState checkMoveTo(TaskState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a task cannot move from " + this + " to " + next);
        }
        return next;
    }
}
