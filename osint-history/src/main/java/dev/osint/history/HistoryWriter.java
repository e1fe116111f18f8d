package dev.osint.history;

import dev.osint.queue.FinishedTasks;
import dev.osint.queue.FinishedTasks.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished tasks from the broker into the store, in batches: a batch is acknowledged only after its
 * database commit, so a crash loses nothing (the broker hands the tasks out again) and a database outage only
 * delays writing. While the database is away the batch is retried with a growing pause; a record the database
 * refuses for its content is set aside (logged and counted) so it cannot stall the others. With PostgreSQL two
 * batches are in flight at once, each acknowledged after its own commit: one is polled and built while the other
 * is stored.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    static final int BATCH = 500;
    /**
     * PostgreSQL: batches written at once, each acknowledged after its own commit. SQLite takes one writer at a
     * time, in this process: one batch at a time.
     */
    static final int POSTGRES_LANES = 2;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    /** How long closing keeps writing what is waiting. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final FinishedTasks feed;
    private final HistoryStore store;
    private final Clock clock;
    private final List<Thread> lanes = new ArrayList<>();
    /** One lane polls at a time: a feed need not be read by two threads at once. */
    private final Object polling = new Object();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Instant lastWriteAt;
    private volatile String lastError;
    private volatile boolean failing;
    private volatile boolean stopping;
    private volatile long drainDeadline;

    public HistoryWriter(FinishedTasks feed, HistoryStore store, Clock clock) {
        this.feed = feed;
        this.store = store;
        this.clock = clock;
        int count = "postgresql".equals(store.kind()) ? POSTGRES_LANES : 1;
        for (int i = 0; i < count; i++) {
            lanes.add(Thread.ofPlatform().daemon().name("history-writer-" + (i + 1)).unstarted(this::run));
        }
    }

    public HistoryWriter start() {
        lanes.forEach(Thread::start);
        return this;
    }

    /**
     * One lane: poll a batch, write it, acknowledge it once committed, again. While one lane waits for its
     * batch's commit the other polls and builds the next, so this process and the database work at once.
     */
    private void run() {
        List<Delivery> batch = new ArrayList<>();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    if (stopping && System.nanoTime() > drainDeadline) {
                        return;
                    }
                    // on the way out, what is waiting is written without waiting for more
                    synchronized (polling) {
                        batch.addAll(feed.poll(BATCH, stopping ? Duration.ZERO : Duration.ofSeconds(1)));
                    }
                    if (batch.isEmpty()) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                }
                writeOrSetAside(batch);
                feed.ack(batch);
                written.addAndGet(batch.size());
                lastWriteAt = clock.instant();
                if (failing) {
                    log.info("history: writing again to {} at {}", store.kind(), store.location());
                }
                failing = false;
                batch.clear();
                pause = FIRST_PAUSE;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                lastError = e.getMessage();
                if (!failing) {
                    log.warn("history: cannot write {} finished task(s), will retry: {}", batch.size(),
                            e.getMessage());
                }
                failing = true;
                if (stopping && System.nanoTime() > drainDeadline) {
                    log.warn("history: stopping with {} finished task(s) unwritten; the broker keeps them if it is"
                            + " shared (Redis), else they are lost with this process", batch.size());
                    return;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /**
     * Writes the batch in one transaction. When the database answers but refuses the batch, one of the records
     * is at fault: each is then written alone, and those still refused are set aside.
     */
    private void writeOrSetAside(List<Delivery> batch) {
        List<HistoryRecord> records = new ArrayList<>(batch.size());
        for (Delivery delivery : batch) {
            try {
                records.add(HistoryRecord.of(delivery.task()));
            } catch (RuntimeException e) {
                setAside(delivery.task().id(), e);
            }
        }
        try {
            store.write(records);
        } catch (HistoryUnavailableException e) {
            if (records.size() == 1 || !store.ping()) {
                throw e;
            }
            for (HistoryRecord record : records) {
                try {
                    store.write(List.of(record));
                } catch (HistoryUnavailableException alone) {
                    if (!store.ping()) {
                        throw alone;
                    }
                    setAside(record.taskId(), alone);
                }
            }
        }
    }

    private void setAside(String taskId, RuntimeException why) {
        rejected.incrementAndGet();
        log.error("history: task {} cannot be stored and is left out of the history: {}", taskId, why.getMessage());
    }

    /** How the writing goes, for health and metrics. */
    public Status status() {
        long backlog;
        try {
            backlog = feed.backlog();
        } catch (RuntimeException e) {
            backlog = -1; // the broker is away: its own health says so
        }
        long dropped;
        try {
            dropped = feed.dropped();
        } catch (RuntimeException e) {
            dropped = -1;
        }
        return new Status(!failing, backlog, written.get(), failures.get(), rejected.get(), dropped, lastWriteAt,
                failing ? lastError : null);
    }

    /**
     * @param writing   false while the last attempt failed (the database is away or refusing)
     * @param backlog   finished tasks waiting to be written; -1 when the broker cannot be asked
     * @param failures  failed write attempts since start
     * @param rejected  records the database refused for their content, left out
     * @param dropped   finished tasks the broker did not keep because the backlog was full
     * @param lastError why the last attempt failed, while it is failing
     */
    public record Status(boolean writing, long backlog, long written, long failures, long rejected, long dropped,
                         Instant lastWriteAt, String lastError) {}

    /** Writes what is already waiting (for up to {@link #DRAIN}), then stops. */
    @Override
    public void close() {
        drainDeadline = System.nanoTime() + DRAIN.toNanos();
        stopping = true;
        long deadline = System.nanoTime() + DRAIN.plusSeconds(5).toNanos();
        try {
            for (Thread lane : lanes) {
                lane.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Thread lane : lanes) {
            if (lane.isAlive()) {
                lane.interrupt();
            }
        }
    }
}
