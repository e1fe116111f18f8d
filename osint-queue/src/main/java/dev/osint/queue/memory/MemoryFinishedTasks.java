package dev.osint.queue.memory;

import dev.osint.core.TaskRecord;
import dev.osint.queue.FinishedTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory broker's finished tasks: a line in this process bounded in tasks and in bytes of heap (estimated by
 * {@link TaskHeapBytes}), so that a long flood, or a database away for long, cannot fill the heap whatever the size
 * of the results. A delivery counts as backlog, tasks and bytes, until it is acknowledged, so a writer that cannot
 * reach its database shows the tasks it still holds.
 */
final class MemoryFinishedTasks implements FinishedTasks {
    private final BlockingQueue<TaskRecord> waiting;
    private final long maxBytes;
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicLong unacknowledgedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    MemoryFinishedTasks(int capacity, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, not " + maxBytes);
        }
        this.waiting = new LinkedBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps a task that just reached its final state; a full backlog (its tasks or its bytes) drops it and counts the
     * drop. Called under the broker's lock, so two adds never both take the last bytes.
     */
    void add(TaskRecord task) {
        long bytes = TaskHeapBytes.of(task);
        if (unacknowledgedBytes.get() + bytes <= maxBytes && waiting.offer(task)) {
            unacknowledged.incrementAndGet();
            unacknowledgedBytes.addAndGet(bytes);
        } else {
            dropped.incrementAndGet();
        }
    }

    @Override
    public List<Delivery> poll(int most, Duration wait) throws InterruptedException {
        TaskRecord first = waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<TaskRecord> tasks = new ArrayList<>();
        tasks.add(first);
        waiting.drainTo(tasks, most - 1);
        return tasks.stream().map(t -> new Delivery(Long.toString(ids.incrementAndGet()), t)).toList();
    }

    @Override
    public void ack(List<Delivery> delivered) {
        long bytes = 0;
        for (Delivery delivery : delivered) {
            bytes += TaskHeapBytes.of(delivery.task()); // a finished task never changes: the same estimate as added
        }
        unacknowledged.addAndGet(-delivered.size());
        unacknowledgedBytes.addAndGet(-bytes);
    }

    @Override
    public long backlog() {
        return unacknowledged.get();
    }

    /** The estimated heap the tasks not yet acknowledged hold. */
    long backlogBytes() {
        return unacknowledgedBytes.get();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }
}
