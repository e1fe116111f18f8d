package dev.osint.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.FinishedTasks;
import dev.osint.queue.FinishedTasksContractTest;
import dev.osint.queue.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The finished-task contract on a real Redis, and what only a shared stream does: survive its reader. */
class RedisFinishedTasksTest extends FinishedTasksContractTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Broker newBroker(int backlog) {
        return new RedisBroker(redis.settings(), SETTINGS, backlog);
    }

    @Test
    void aRecordOutlivesItsTasksExpiry() throws Exception {
        broker = newBroker(100);
        TaskRecord task = finishOne(TaskState.SUCCESS);
        Thread.sleep(SETTINGS.resultExpiry().toMillis() + 300);
        assertThat(broker.get(task.id())).isEmpty();

        List<FinishedTasks.Delivery> delivered = drain(broker.finishedTasks().orElseThrow(), 1);
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.task().id()).isEqualTo(task.id());
            assertThat(d.task().result()).isNotNull();
        });
    }

    @Test
    void whatADeadReaderTookIsTakenOverByAnother() throws Exception {
        broker = newBroker(100);
        RedisBroker redisBroker = (RedisBroker) broker;
        for (int i = 0; i < 3; i++) {
            finishOne(TaskState.SUCCESS);
        }
        RedisFinishedTasks dead = new RedisFinishedTasks(redisBroker.link(), redisBroker.keys(), Duration.ofMillis(300));
        assertThat(drain(dead, 3)).hasSize(3); // and it dies before acknowledging

        RedisFinishedTasks survivor = new RedisFinishedTasks(redisBroker.link(), redisBroker.keys(),
                Duration.ofMillis(300));
        assertThat(survivor.poll(10, Duration.ofMillis(100))).isEmpty(); // not idle long enough yet
        Thread.sleep(400);
        RedisFinishedTasks later = new RedisFinishedTasks(redisBroker.link(), redisBroker.keys(),
                Duration.ofMillis(300));
        List<FinishedTasks.Delivery> taken = drain(later, 3);
        assertThat(taken).hasSize(3);
        later.ack(taken);
        assertThat(later.backlog()).isZero();
    }

    @Test
    void readersShareTheWork() throws Exception {
        broker = newBroker(100);
        RedisBroker redisBroker = (RedisBroker) broker;
        for (int i = 0; i < 10; i++) {
            finishOne(TaskState.SUCCESS);
        }
        RedisFinishedTasks one = new RedisFinishedTasks(redisBroker.link(), redisBroker.keys());
        RedisFinishedTasks two = new RedisFinishedTasks(redisBroker.link(), redisBroker.keys());
        List<FinishedTasks.Delivery> first = one.poll(4, Duration.ofSeconds(1));
        List<FinishedTasks.Delivery> second = drain(two, 6);
        assertThat(first).hasSize(4);
        assertThat(second).hasSize(6);
        assertThat(second).extracting(FinishedTasks.Delivery::id)
                .doesNotContainAnyElementsOf(first.stream().map(FinishedTasks.Delivery::id).toList());
    }
}
