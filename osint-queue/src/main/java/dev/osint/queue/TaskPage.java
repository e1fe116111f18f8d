package dev.osint.queue;

import dev.osint.core.TaskRecord;
import java.util.List;

/**
 * One page of a task listing, newest first. The records carry no result (a listing would otherwise carry every
 * result in full); {@code nextCursor} is null once nothing older is left to examine.
 */
public record TaskPage(List<TaskRecord> tasks, String nextCursor) {
    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}
