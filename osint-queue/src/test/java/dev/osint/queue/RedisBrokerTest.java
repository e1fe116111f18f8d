package dev.osint.queue;

import dev.osint.queue.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract, on a real Redis. */
class RedisBrokerTest extends BrokerContractTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return redis.newBroker(settings);
    }
}
