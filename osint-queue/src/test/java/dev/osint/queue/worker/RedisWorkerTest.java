package dev.osint.queue.worker;

import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Worker behaviour on a real Redis: the same tests as in memory, revoke over pub/sub included. */
class RedisWorkerTest extends WorkerBehaviourTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return redis.newBroker(settings);
    }
}
