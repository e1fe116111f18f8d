package dev.osint.queue.worker;

import dev.osint.queue.Broker;
import dev.osint.queue.Lease;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes tasks from the broker while slots are free, up to {@link WorkerSettings#concurrency()} at once, and
 * starts each on a virtual thread of its own, where a {@link TaskRunner} runs it.
 */
final class FetchLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(FetchLoop.class);
    private static final Duration TAKE_WAIT = Duration.ofMillis(500);

    private final Broker broker;
    private final WorkerSettings settings;
    private final TaskRunner runner;
    private final Semaphore slots;
    private final AtomicLong taken = new AtomicLong();
    /** Tasks waiting to take their slot back after their children ended: a slot then goes back, not on. */
    private final AtomicInteger parentsWaiting = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean accepting = true;

    FetchLoop(Broker broker, WorkerSettings settings, TaskRunner runner) {
        this.broker = broker;
        this.settings = settings;
        this.runner = runner;
        // fair: a parent taking its slot back after its children ended queues ahead of the fetch loop, which
        // would otherwise barge in again after every empty take and can starve the parent for seconds
        this.slots = new Semaphore(settings.concurrency(), true);
    }

    @Override
    public void run() {
        try {
            while (accepting) {
                int free = acquireFreeSlots();
                List<Lease> leases;
                try {
                    leases = accepting ? broker.take(settings.name(), settings.queues(), free, TAKE_WAIT) : List.of();
                } catch (InterruptedException e) {
                    slots.release(free);
                    throw e;
                } catch (RuntimeException e) {
                    slots.release(free);
                    log.warn("worker {} cannot take tasks ({}); trying again in 1 s", settings.name(), e.getMessage());
                    Thread.sleep(1000);
                    continue;
                }
                slots.release(free - leases.size());
                for (Lease held : leases) {
                    if (settings.maxTasks() > 0 && taken.incrementAndGet() >= settings.maxTasks()) {
                        accepting = false;
                        log.info("worker {} took its {} tasks; draining", settings.name(), settings.maxTasks());
                    }
                    Thread.ofVirtual().name("task-" + held.taskId()).start(() -> runFromSlot(held));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Runs {@code first} on the calling thread, then, where a take costs no round trip, the tasks it takes itself
     * while it holds its slot: a busy in-process worker goes from one task to the next without waking the fetch loop
     * and starting a thread. The slot goes back (and the fetch loop takes over) once the queue is empty, or a
     * parent waits to take its slot back, which must not wait for the queue to drain.
     */
    private void runFromSlot(Lease first) {
        SlotHolder slot = new SlotHolder();
        CompletionStage<Void> written = null;
        try {
            Lease lease = first;
            while (lease != null) {
                written = runner.run(lease, slot);
                // a task whose end is still on its way keeps its slot until the broker answers
                lease = written.toCompletableFuture().isDone() ? nextInProcess(slot) : null;
                if (lease != null) {
                    Thread.currentThread().setName("task-" + lease.taskId());
                }
            }
        } finally {
            if (written == null) {
                slot.release();
            } else {
                written.whenComplete((ignored, failure) -> slot.release());
            }
        }
    }

    /** The next task for a slot that stays held, or null when the slot should go back to the fetch loop. */
    private Lease nextInProcess(SlotHolder slot) {
        // a cap on tasks is counted by the fetch loop alone
        if (!broker.takesInProcess() || !accepting || settings.maxTasks() > 0 || !slot.isHeld()
                || parentsWaiting.get() > 0) {
            return null;
        }
        try {
            return broker.take(settings.name(), settings.queues(), Duration.ZERO).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            return null; // the fetch loop takes again, and says why if it fails too
        }
    }

    /** Takes no more tasks; a take under way still hands out what it took. */
    void stopAccepting() {
        accepting = false;
    }

    /** True once the loop ended (max tasks reached, or stopped) within {@code timeout}. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when every slot is free: no task holds one. */
    boolean allSlotsFree() {
        return slots.availablePermits() >= settings.concurrency();
    }

    /**
     * Waits for one free slot, then claims every other free one (up to the tasks still allowed), so that one
     * round trip to the broker fills them all.
     */
    private int acquireFreeSlots() throws InterruptedException {
        slots.acquire();
        int free = 1;
        long allowed = settings.maxTasks() > 0 ? settings.maxTasks() - taken.get() : Long.MAX_VALUE;
        while (free < allowed && slots.tryAcquire()) {
            free++;
        }
        return free;
    }

    /** One task's claim on a slot; released at most once however the task ends. */
    private final class SlotHolder implements TaskRun.Slot {
        private boolean held = true;

        @Override
        public synchronized void release() {
            if (held) {
                held = false;
                slots.release();
            }
        }

        synchronized boolean isHeld() {
            return held;
        }

        @Override
        public void acquire() throws InterruptedException {
            parentsWaiting.incrementAndGet();
            try {
                slots.acquire();
            } finally {
                parentsWaiting.decrementAndGet();
            }
            synchronized (this) {
                held = true;
            }
        }
    }
}
