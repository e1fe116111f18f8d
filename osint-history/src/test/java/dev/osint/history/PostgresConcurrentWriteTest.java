package dev.osint.history;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.history.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two processes storing the same task at once (a finished task taken over from a reader that was only slow):
 * the new scans are copied after asking which are stored, so a task the other process commits in between makes
 * the copy fail; the write is made again and stores the rest, the task once.
 */
class PostgresConcurrentWriteTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void aTaskAnotherProcessStoresMeanwhileIsStoredOnceAndTheRestOfTheBatchIsStored() throws Exception {
        try (HistoryStore store = HistoryStores.open(postgres.settings()); Connection other = postgres.connect()) {
            store.count(); // migrates
            postgres.wipe();
            other.setAutoCommit(false);
            try (Statement insert = other.createStatement()) {
                insert.execute("INSERT INTO scans (task_id, type, target, target_key, target_kind, state, options,"
                        + " retries, finished_at, state_history, entity_count, search) VALUES ('contested', 'dns',"
                        + " 'example.com', 'example.com', 'domain', 'SUCCESS', '{}', 0, now(), '[]', 0, '')");
            }

            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> store.write(List.of(
                    aScan("dns", "example.com").id("contested").with(ip("192.0.2.1")).build(),
                    aScan("dns", "example.org").id("mine").with(ip("192.0.2.2")).build())));
            waitUntilAWriteWaitsForALock();
            other.commit();
            write.get(30, TimeUnit.SECONDS);

            assertThat(store.count()).isEqualTo(2);
            assertThat(store.find("mine")).isPresent();
            assertThat(store.entityKeys(List.of("contested", "mine"))).containsEntry("contested", java.util.Set.of())
                    .containsEntry("mine", java.util.Set.of("ip:192.0.2.2"));
        }
    }

    /** Asked outside the other transaction: a transaction sees the same activity figures throughout. */
    private static void waitUntilAWriteWaitsForALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.connect(); Statement select = connection.createStatement();
                 ResultSet waiting = select.executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE wait_event_type = 'Lock' AND query LIKE 'COPY scans%'")) {
                waiting.next();
                if (waiting.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the store's write never waited for the other process's row");
    }
}
