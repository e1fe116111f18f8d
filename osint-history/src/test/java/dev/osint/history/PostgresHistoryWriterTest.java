package dev.osint.history;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.TaskRecord;
import dev.osint.history.testing.TestPostgres;
import dev.osint.queue.FinishedTasks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer keeps two batches in flight against a real PostgreSQL: while one waits for its commit the next is
 * polled, built and written, and a batch is acknowledged only once it is stored, so a write that fails before its
 * commit (the database cut off mid-write) loses nothing: the batch is written again.
 */
class PostgresHistoryWriterTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private final Feed feed = new Feed();
    private HistoryStore store;
    private HistoryWriter writer;

    @BeforeEach
    void openStore() throws Exception {
        store = HistoryStores.open(postgres.settings());
        store.count(); // migrates
        postgres.wipe();
    }

    @AfterEach
    void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        postgres.up();
        store.close();
    }

    @Test
    void whileABatchAwaitsItsCommitTheNextIsWrittenAndEachIsAcknowledgedOnlyOnceStored() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        writer = new HistoryWriter(feed, storeWhoseWrite(records -> {
            if (writes.incrementAndGet() == 1) {
                await().atMost(Duration.ofSeconds(30)).until(() -> release.await(10, TimeUnit.MILLISECONDS));
            }
        }), Clock.systemUTC());
        // all waiting before the writer starts, so that each batch is a whole BATCH (a lane polling while the tasks
        // arrive one by one would take a few)
        feed.offer(tasks(2 * HistoryWriter.BATCH));
        writer.start();

        // the first batch is held before its commit: the second is stored and acknowledged meanwhile, alone
        await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == HistoryWriter.BATCH);
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.acknowledged.size() == HistoryWriter.BATCH);
        assertThat(store.count()).isEqualTo(HistoryWriter.BATCH);

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.acknowledged.size() == 2 * HistoryWriter.BATCH);
        assertThat(store.count()).isEqualTo(2 * HistoryWriter.BATCH);
        assertThat(feed.acknowledgedBeforeStored).isEmpty();
        assertThat(writer.status().written()).isEqualTo(2 * HistoryWriter.BATCH);
    }

    @Test
    void batchesCutOffBeforeTheirCommitAreWrittenAgainAndNothingIsLostOrStoredTwice() {
        AtomicInteger writes = new AtomicInteger();
        writer = new HistoryWriter(feed, storeWhoseWrite(records -> {
            if (writes.incrementAndGet() == 1) {
                try {
                    postgres.down(); // every connection cut, the batches in flight with them
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                Thread.ofPlatform().start(() -> {
                    try {
                        Thread.sleep(1_500);
                        postgres.up();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }), Clock.systemUTC()).start();
        feed.offer(tasks(3 * HistoryWriter.BATCH));

        await().atMost(Duration.ofSeconds(60)).until(() -> feed.acknowledged.size() == 3 * HistoryWriter.BATCH);
        assertThat(store.count()).isEqualTo(3 * HistoryWriter.BATCH);
        assertThat(feed.acknowledgedBeforeStored).isEmpty();
        assertThat(writer.status().failures()).isPositive();
    }

    private static List<TaskRecord> tasks(int count) {
        List<TaskRecord> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(aScan("dns", "host" + i + ".example.com").with(ip("192.0.2." + i % 250)).build().toTaskRecord());
        }
        return tasks;
    }

    private interface BeforeWrite {
        void run(List<HistoryRecord> records);
    }

    /** The real store, with {@code before} run ahead of each batch's write (the writer's call, on its thread). */
    private HistoryStore storeWhoseWrite(BeforeWrite before) {
        return (HistoryStore) Proxy.newProxyInstance(HistoryStore.class.getClassLoader(),
                new Class<?>[] {HistoryStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("write")) {
                        @SuppressWarnings("unchecked")
                        List<HistoryRecord> records = (List<HistoryRecord>) args[0];
                        before.run(records);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Finished tasks in memory, as the in-memory broker keeps them; at each acknowledgement it checks, through the
     * real store, that every task acknowledged is stored already.
     */
    private final class Feed implements FinishedTasks {
        private final LinkedBlockingQueue<Delivery> waiting = new LinkedBlockingQueue<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final List<String> acknowledgedBeforeStored = new CopyOnWriteArrayList<>();
        private final AtomicInteger ids = new AtomicInteger();

        void offer(List<TaskRecord> tasks) {
            for (TaskRecord task : tasks) {
                waiting.add(new Delivery(Integer.toString(ids.incrementAndGet()), task));
            }
        }

        @Override
        public List<Delivery> poll(int most, Duration wait) throws InterruptedException {
            Delivery first = waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (first == null) {
                return List.of();
            }
            List<Delivery> batch = new ArrayList<>(List.of(first));
            waiting.drainTo(batch, most - 1);
            return batch;
        }

        @Override
        public void ack(List<Delivery> delivered) {
            for (Delivery delivery : delivered) {
                if (store.find(delivery.task().id()).isEmpty()) {
                    acknowledgedBeforeStored.add(delivery.task().id());
                }
                acknowledged.add(delivery.id());
            }
        }

        @Override
        public long backlog() {
            return waiting.size();
        }

        @Override
        public long dropped() {
            return 0;
        }
    }
}
