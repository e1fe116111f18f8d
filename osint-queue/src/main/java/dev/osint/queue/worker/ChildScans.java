package dev.osint.queue.worker;

import dev.osint.core.Priority;
import dev.osint.core.SubScans;
import dev.osint.core.TaskRecord;
import dev.osint.queue.Broker;
import dev.osint.queue.ScanRequest;
import dev.osint.queue.ScanService;
import dev.osint.queue.SubmissionQuotas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The child scans of one running task; they jump the queue (high priority) so a fan-out finishes soon. A waiting
 * parent reads its children when the broker says one of them ended ({@link Broker#onChildEnded}),
 * and once a second besides, should that word be lost.
 */
final class ChildScans implements SubScans {
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String parentId;
    /** Children are the parent's owner's tasks, outside the quotas: the owner did not ask for them one by one. */
    private final String owner;
    private final ScanService scans;
    private final TaskRun.Slot slot;
    private final List<String> children = new CopyOnWriteArrayList<>();

    ChildScans(String parentId, String owner, ScanService scans, TaskRun.Slot slot) {
        this.parentId = parentId;
        this.owner = owner;
        this.scans = scans;
        this.slot = slot;
    }

    @Override
    public String submit(String type, String target, Map<String, Object> options) {
        TaskRecord child = scans.submit(new ScanRequest(target, type, options, Priority.HIGH, parentId),
                owner, SubmissionQuotas.NONE);
        children.add(child.id());
        return child.id();
    }

    @Override
    public List<TaskRecord> awaitAll(List<String> taskIds, Duration timeout, Consumer<TaskRecord> onEach)
            throws InterruptedException {
        Map<String, TaskRecord> ended = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        // a permit per end heard: one that comes while the children are read wakes the wait that follows
        Semaphore childEnded = new Semaphore(0);
        try (Broker.Watch watch = scans.broker().onChildEnded(parentId, childEnded::release)) {
            // a waiting parent gives its slot to its children, so parents can never starve them
            slot.release();
            long left;
            while (ended.size() < taskIds.size() && (left = deadline - System.nanoTime()) > 0) {
                childEnded.drainPermits();
                for (String id : taskIds) {
                    if (!ended.containsKey(id)) {
                        Optional<TaskRecord> record = scans.status(id);
                        if (record.isEmpty() || record.get().state().isFinal()) {
                            ended.put(id, record.orElse(null));
                            record.ifPresent(onEach);
                        }
                    }
                }
                if (ended.size() < taskIds.size()) {
                    // interrupted: the parent ends now, without its slot
                    childEnded.tryAcquire(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
                }
            }
        }
        slot.acquire();
        List<TaskRecord> result = new ArrayList<>();
        for (String id : taskIds) {
            // a child that has not ended by the timeout is answered as it stands; an expired one is left out
            Optional.ofNullable(ended.get(id)).or(() -> scans.status(id)).ifPresent(result::add);
        }
        return result;
    }

    /** Revokes every child that has not ended; called when the parent is revoked. */
    void revokeUnfinished() {
        for (String id : children) {
            scans.cancel(id);
        }
    }
}
