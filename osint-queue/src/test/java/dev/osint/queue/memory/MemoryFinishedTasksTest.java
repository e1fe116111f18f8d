package dev.osint.queue.memory;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.ScanResult;
import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.Brokers;
import dev.osint.queue.FinishedTasks;
import dev.osint.queue.FinishedTasksContractTest;
import dev.osint.queue.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryFinishedTasksTest extends FinishedTasksContractTest {
    @Override
    protected Broker newBroker(int backlog) {
        return new MemoryBroker(SETTINGS, Clock.systemUTC(), backlog);
    }

    @Test
    void aBacklogFullInBytesDropsAndCountsWhatDoesNotFitWhateverItsCount() throws Exception {
        // room for two tasks with a 100 KB result, not three; the count (1,000) is far away
        long bigTask = TaskHeapBytes.of(finished(aTask().build(), 100_000));
        MemoryBroker memory = new MemoryBroker(SETTINGS, Clock.systemUTC(), 1_000, 2 * bigTask + bigTask / 2, 1_000);
        broker = memory;
        FinishedTasks feed = broker.finishedTasks().orElseThrow();

        finishWithResult(100_000);
        finishWithResult(100_000);
        finishWithResult(100_000);

        assertThat(feed.backlog()).isEqualTo(2);
        assertThat(feed.dropped()).isEqualTo(1);
        List<FinishedTasks.Delivery> delivered = drain(feed, 2);
        assertThat(delivered).hasSize(2);

        finishWithResult(100_000);
        assertThat(feed.dropped()).as("delivered but not acknowledged still holds its bytes").isEqualTo(2);

        feed.ack(delivered);
        assertThat(((MemoryFinishedTasks) feed).backlogBytes()).isZero();
        finishWithResult(100_000);
        finishWithResult(100_000);
        assertThat(feed.backlog()).isEqualTo(2);
        assertThat(feed.dropped()).isEqualTo(2);
    }

    @Test
    void theServersBrokerTakesItsBoundInMegabytesFromTheSettings() throws Exception {
        assertThat(Brokers.MEMORY_HISTORY_BACKLOG_MB).isEqualTo(64);
        assertThatThrownBy(() -> Brokers.open(new Settings(Map.of("OSINT_HISTORY_BACKLOG_MB", "0"))))
                .hasMessageContaining("OSINT_HISTORY_BACKLOG_MB");
        broker = Brokers.open(new Settings(Map.of("OSINT_HISTORY_BACKLOG_MB", "1")));
        FinishedTasks feed = broker.finishedTasks().orElseThrow();
        for (int i = 0; i < 4; i++) {
            finishWithResult(300_000); // ~300 KB each: three fit in 1 MB
        }
        assertThat(feed.backlog()).isEqualTo(3);
        assertThat(feed.dropped()).isEqualTo(1);
    }

    @Test
    void smallTasksAreBoundedByTheirCountBeforeTheirBytes() throws Exception {
        broker = new MemoryBroker(SETTINGS, Clock.systemUTC(), 3, 64L << 20, 1_000);
        FinishedTasks feed = broker.finishedTasks().orElseThrow();
        for (int i = 0; i < 5; i++) {
            finishOne(TaskState.SUCCESS);
        }
        assertThat(feed.backlog()).isEqualTo(3);
        assertThat(feed.dropped()).isEqualTo(2);
    }

    @Test
    void aTaskIsEstimatedAtAboutWhatAClassHistogramShowsAndItsResultBySize() {
        TaskRecord ping = finished(aTask().build(), 0);
        assertThat(TaskHeapBytes.of(ping)).isBetween(1_000L, 2_000L);
        long large = TaskHeapBytes.of(finished(aTask().build(), 1_000_000));
        assertThat(large - TaskHeapBytes.of(ping)).isBetween(1_000_000L, 1_100_000L);
        assertThat(TaskHeapBytes.text("é".repeat(100))).isEqualTo(40 + 104);
        assertThat(TaskHeapBytes.text("€".repeat(100))).isEqualTo(40 + 200);
    }

    private void finishWithResult(int dataChars) throws InterruptedException {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(1)).orElseThrow();
        assertThat(broker.finish(lease, TaskState.SUCCESS, result(task, dataChars), null)).isTrue();
    }

    /** A finished task as the broker holds it: three state changes, a worker, a ping's metadata. */
    private static TaskRecord finished(TaskRecord task, int dataChars) {
        Instant now = Instant.now();
        return task.started("w1", now).finished(TaskState.SUCCESS, result(task, dataChars), null, now);
    }

    private static ScanResult result(TaskRecord task, int dataChars) {
        return new ScanResult("r-" + task.id(), "Ping", task.target().value(), true,
                Map.of("pong", true, "text", "x".repeat(dataChars)), List.of(), Instant.now(),
                Map.of("collector_type", "ping", "target_kind", "domain", "worker", "w1", "attempts", 1,
                        "duration_ms", 0.5));
    }
}
