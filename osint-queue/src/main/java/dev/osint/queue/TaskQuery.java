package dev.osint.queue;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which tasks a listing wants, newest first. Creation time bounds ({@code since} inclusive, {@code until} exclusive)
 * select a range of the brokers' index; the other filters are checked on each task of that range while paging, so
 * a page costs the index look-up plus one read per task examined, at most {@link #SCAN_BUDGET} of them.
 *
 * @param states         empty: any state
 * @param type           collector type, or null for any
 * @param targetContains a substring of the target value, compared case-insensitively; null for any
 * @param worker         the worker that holds or last held the task, or null for any
 * @param cursor         where the previous page stopped ({@link TaskPage#nextCursor()}), or null for the newest
 */
public record TaskQuery(Set<TaskState> states, String type, String targetContains, Instant since, Instant until,
                        String worker, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /**
     * The most tasks one page examines: a filter that matches little must not make one request read the whole
     * index. A page that ran out of budget holds fewer than {@code limit} tasks and still has a next cursor.
     */
    public static final int SCAN_BUDGET = 5_000;

    public TaskQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        targetContains = targetContains == null || targetContains.isEmpty() ? null
                : targetContains.toLowerCase(Locale.ROOT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (cursor != null) {
            TaskCursor.decode(cursor);
        }
    }

    /** True when {@code token} is a cursor some listing gave (a cursor from another listing is still a position). */
    public static boolean isCursor(String token) {
        try {
            TaskCursor.decode(token);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The newest tasks, unfiltered. */
    public static TaskQuery newest(int limit) {
        return new TaskQuery(Set.of(), null, null, null, null, null, limit, null);
    }

    public TaskQuery after(String nextCursor) {
        return new TaskQuery(states, type, targetContains, since, until, worker, limit, nextCursor);
    }

    /** The filters other than time, which the index cannot answer. */
    public boolean matches(TaskRecord task) {
        return (states.isEmpty() || states.contains(task.state()))
                && (type == null || type.equals(task.type()))
                && (worker == null || worker.equals(task.worker()))
                && (targetContains == null || task.target().value().toLowerCase(Locale.ROOT).contains(targetContains));
    }
}
