package dev.osint.queue;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract, on a real Redis; and what only the Redis broker has to show. */
class RedisBrokerTest extends BrokerContractTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return redis.newBroker(settings);
    }

    @Test
    void theTaskIndexIsBoundedByTheResultExpiry() throws Exception {
        RedisBroker redisBroker = (RedisBroker) broker;
        TaskRecord task = aTask().build();
        broker.enqueue(task);
        Lease lease = broker.take("w1", List.of("default"), Duration.ofSeconds(2)).orElseThrow();
        broker.finish(lease, TaskState.SUCCESS, null, null);
        assertThat(indexSize(redisBroker, redisBroker.keys().tasks())).isEqualTo(1);
        assertThat(indexSize(redisBroker, redisBroker.keys().expiries())).isEqualTo(1);

        // the take of any worker sweeps the entries of expired tasks away
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> {
            broker.take("w1", List.of("default"), Duration.ZERO);
            return indexSize(redisBroker, redisBroker.keys().tasks()) == 0;
        });
        assertThat(indexSize(redisBroker, redisBroker.keys().expiries())).isZero();
    }

    private static long indexSize(RedisBroker broker, String key) {
        return broker.link().call(c -> c.zcard(key));
    }
}
