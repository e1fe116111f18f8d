package dev.osint.server;

import dev.osint.core.TaskRecord;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The status answers of final tasks, serialised once. A task in a final state never changes, so neither does its
 * answer, and a client polling a finished scan used to pay for its whole serialisation each time (a quarter of an
 * embedded {@code GET}'s CPU). The cache is keyed by the record object itself: the in-process broker hands out the
 * same record for every read of a task until it changes it, and a changed task is a new record, so a hit can never
 * be a stale answer ({@link dev.osint.queue.Broker#sharesRecords}). A broker that builds a new record per read
 * would never hit: its answers do not come here.
 *
 * <p>Direct-mapped by the task's id, as a processor cache is: no lock, no eviction order to keep, memory bounded by
 * {@link #SLOTS} answers of at most {@link #MAX_BODY_BYTES} each (a larger one is serialised per request, as before).
 */
final class FinalStatusBodies {
    static final int SLOTS = 1024;
    static final int MAX_BODY_BYTES = 8 * 1024;

    /** An immutable pair, so a slot read without a lock sees both fields as written. */
    private record Slot(TaskRecord task, byte[] body) {}

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    /** The body of {@code task}'s status answer: from the cache when it holds this very record. */
    byte[] body(TaskRecord task) {
        if (!task.state().isFinal()) {
            return JsonAnswer.bytes(ScanStatus.of(task));
        }
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
