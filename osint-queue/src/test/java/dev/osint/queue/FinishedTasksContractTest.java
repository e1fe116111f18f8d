package dev.osint.queue;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How every broker hands finished tasks to the history writer; a subclass per broker. */
public abstract class FinishedTasksContractTest {
    protected static final BrokerSettings SETTINGS = new BrokerSettings(Duration.ofSeconds(5), Duration.ofMillis(800),
            Duration.ofSeconds(5));
    protected Broker broker;

    /** A broker keeping at most {@code backlog} finished tasks. */
    protected abstract Broker newBroker(int backlog);

    @AfterEach
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    protected TaskRecord finishOne(TaskState state) throws InterruptedException {
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(1)).orElseThrow();
        ScanResult result = new ScanResult("r-" + task.id(), "Ping", "example.test", true, Map.of("pong", true),
                List.of(), Instant.now(), Map.of());
        assertThat(broker.finish(lease, state, state == TaskState.SUCCESS ? result : null,
                state == TaskState.FAILURE ? "CollectorError: no" : null)).isTrue();
        return task;
    }

    protected List<FinishedTasks.Delivery> drain(FinishedTasks feed, int expected) throws InterruptedException {
        List<FinishedTasks.Delivery> all = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (all.size() < expected && System.nanoTime() < deadline) {
            all.addAll(feed.poll(100, Duration.ofMillis(300)));
        }
        return all;
    }

    @Test
    void everyFinalStateIsHandedOverWithItsResult() throws Exception {
        broker = newBroker(100);
        FinishedTasks feed = broker.finishedTasks().orElseThrow();
        TaskRecord succeeded = finishOne(TaskState.SUCCESS);
        TaskRecord failed = finishOne(TaskState.FAILURE);
        TaskRecord waiting = aTask().build();
        broker.enqueue(waiting);
        broker.revoke(waiting.id());
        TaskRecord purged = aTask().build();
        broker.enqueue(purged);
        broker.purge(null);

        List<FinishedTasks.Delivery> delivered = drain(feed, 4);

        assertThat(delivered).extracting(d -> d.task().id())
                .containsExactlyInAnyOrder(succeeded.id(), failed.id(), waiting.id(), purged.id());
        TaskRecord success = delivered.stream().map(FinishedTasks.Delivery::task)
                .filter(t -> t.id().equals(succeeded.id())).findFirst().orElseThrow();
        assertThat(success.state()).isEqualTo(TaskState.SUCCESS);
        assertThat(success.result().data()).containsEntry("pong", true);
        assertThat(success.worker()).isEqualTo("w1");
        assertThat(success.finishedAt()).isNotNull();
        assertThat(delivered.stream().map(FinishedTasks.Delivery::task).filter(t -> t.id().equals(failed.id()))
                .findFirst().orElseThrow().error()).isEqualTo("CollectorError: no");
        assertThat(feed.backlog()).isEqualTo(4);

        feed.ack(delivered);
        assertThat(feed.backlog()).isZero();
        assertThat(feed.poll(10, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aFullBacklogDropsAndCountsWhatDoesNotFit() throws Exception {
        broker = newBroker(2);
        FinishedTasks feed = broker.finishedTasks().orElseThrow();
        for (int i = 0; i < 3; i++) {
            finishOne(TaskState.SUCCESS);
        }
        assertThat(feed.backlog()).isEqualTo(2);
        assertThat(feed.dropped()).isEqualTo(1);
    }

    @Test
    void withoutABacklogNothingIsKept() throws Exception {
        broker = newBroker(0);
        assertThat(broker.finishedTasks()).isEmpty();
        finishOne(TaskState.SUCCESS); // and finishing works as before
    }
}
