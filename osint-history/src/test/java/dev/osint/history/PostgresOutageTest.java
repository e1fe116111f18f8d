package dev.osint.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.history.testing.TestPostgres;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Lease;
import dev.osint.queue.memory.MemoryBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer rides out a PostgreSQL outage (connections cut and refused) without losing a finished task. */
class PostgresOutageTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private final Broker broker = new MemoryBroker(BrokerSettings.DEFAULTS, Clock.systemUTC(), 10_000);
    private HistoryStore store;
    private HistoryWriter writer;

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
        if (store != null) {
            store.close();
        }
        broker.close();
    }

    private void finish() throws InterruptedException {
        TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), "dns",
                new Target(TargetKind.DOMAIN, "example.com"), Map.of(), "default", Priority.NORMAL, null,
                Instant.now());
        broker.enqueue(task);
        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(1)).orElseThrow();
        broker.finish(lease, TaskState.SUCCESS, new ScanResult("r", "DNSCollector", "example.com", true, Map.of(),
                List.of(), Instant.now(), Map.of()), null);
    }

    @Test
    void aDatabaseOutageDelaysWritingAndLosesNothing() throws Exception {
        store = HistoryStores.open(postgres.settings());
        store.count();
        postgres.wipe();
        writer = new HistoryWriter(broker.finishedTasks().orElseThrow(), store, Clock.systemUTC()).start();
        finish();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.count() == 1);

        postgres.down();
        try {
            for (int i = 0; i < 20; i++) {
                finish(); // scans go on
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !writer.status().writing());
            HistoryWriter.Status during = writer.status();
            assertThat(during.backlog()).isEqualTo(20);
            assertThat(during.failures()).isPositive();
            assertThat(during.lastError()).contains("postgresql");
        } finally {
            postgres.up();
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> store.count() == 21);
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.status().writing()
                && writer.status().backlog() == 0);
    }
}
