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
 * The in-memory broker's finished tasks: a bounded line in this process. A delivery counts as backlog until it
 * is acknowledged, so a writer that cannot reach its database shows the tasks it still holds.
 */
final class MemoryFinishedTasks implements FinishedTasks {
    private final BlockingQueue<TaskRecord> waiting;
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    MemoryFinishedTasks(int capacity) {
        this.waiting = new LinkedBlockingQueue<>(capacity);
    }

    /** Keeps a task that just reached its final state; a full backlog drops it and counts the drop. */
    void add(TaskRecord task) {
        if (waiting.offer(task)) {
            unacknowledged.incrementAndGet();
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
        unacknowledged.addAndGet(-delivered.size());
    }

    @Override
    public long backlog() {
        return unacknowledged.get();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }
}
