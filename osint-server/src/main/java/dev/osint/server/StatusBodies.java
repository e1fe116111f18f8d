package dev.osint.server;

import dev.osint.core.TaskRecord;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Status answers, serialised once per task record. A task's record never changes: the in-process broker hands out
 * the same record object for every read of a task until it changes the task, and a change makes a new record. So a
 * client polling a task pays for the serialisation once per record, not once per poll: once per state a scan
 * waits in (PENDING behind a queue is several polls), and once for its final answer with the result, whose text
 * comes from {@link dev.osint.core.ResultJson} when the worker kept it. The cache is keyed by the record object
 * itself, so a hit can never be a stale answer ({@link dev.osint.queue.Broker#sharesRecords}). A broker that builds
 * a new record per read would never hit: its answers do not come here.
 *
 * <p>Direct-mapped by the task's id, as a processor cache is: no lock, no eviction order to keep, memory bounded by
 * {@link #SLOTS} answers of at most {@link #MAX_BODY_BYTES} each (a larger one is serialised per request, as before).
 */
final class StatusBodies {
    static final int SLOTS = 1024;
    static final int MAX_BODY_BYTES = 8 * 1024;

    /** An immutable pair, so a slot read without a lock sees both fields as written. */
    private record Slot(TaskRecord task, byte[] body) {}

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    /** The body of {@code task}'s status answer: from the cache when it holds this very record. */
    byte[] body(TaskRecord task) {
        int index = slot(task.id());
        Slot slot = slots.getPlain(index);
        if (slot != null && slot.task() == task) {
            return slot.body();
        }
        byte[] body = JsonAnswer.bytes(ScanStatus.of(task));
        if (body.length <= MAX_BODY_BYTES) {
            slots.setRelease(index, new Slot(task, body));
        }
        return body;
    }

    private static int slot(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
