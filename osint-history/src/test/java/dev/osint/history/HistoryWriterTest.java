package dev.osint.history;

import dev.osint.core.StateChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.Priority;
import dev.osint.core.ScanResult;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Lease;
import dev.osint.queue.memory.MemoryBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer moves every finished task into the store, once. */
class HistoryWriterTest {
    @TempDir
    Path dataDir;

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

    private String finish(TaskState state) throws InterruptedException {
        TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), "dns",
                new Target(TargetKind.DOMAIN, "example.com"), Map.of(), "default", Priority.NORMAL, null,
                Instant.now());
        broker.enqueue(task);
        if (state == TaskState.REVOKED) {
            broker.revoke(task.id());
            return task.id();
        }
        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(1)).orElseThrow();
        broker.finish(lease, state, new ScanResult("r", "DNSCollector", "example.com", true, Map.of(), List.of(),
                Instant.now(), Map.of()), state == TaskState.FAILURE ? "CollectorError: x" : null);
        return task.id();
    }

    @Test
    void everyFinishedTaskIsWrittenOnce() throws Exception {
        store = HistoryStores.open(HistorySettings.from(new dev.osint.core.Settings(Map.of("OSINT_DATA_DIR",
                dataDir.toString()))));
        writer = new HistoryWriter(broker.finishedTasks().orElseThrow(), store, Clock.systemUTC()).start();
        String ok = finish(TaskState.SUCCESS);
        String failed = finish(TaskState.FAILURE);
        String revoked = finish(TaskState.REVOKED);
        for (int i = 0; i < 1200; i++) {
            finish(TaskState.SUCCESS);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> store.count() == 1203);
        assertThat(store.find(ok).orElseThrow().state()).isEqualTo(TaskState.SUCCESS);
        assertThat(store.find(failed).orElseThrow().error()).isEqualTo("CollectorError: x");
        assertThat(store.find(revoked).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
        assertThat(store.find(ok).orElseThrow().stateHistory()).extracting(StateChange::state)
                .containsExactly(TaskState.PENDING, TaskState.STARTED, TaskState.SUCCESS);
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.status().backlog() == 0);
        assertThat(writer.status().written()).isEqualTo(1203);
        assertThat(writer.status().writing()).isTrue();
    }
}
