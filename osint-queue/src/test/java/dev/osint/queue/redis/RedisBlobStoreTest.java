package dev.osint.queue.redis;

import dev.osint.queue.BlobStoreContractTest;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.testing.TestRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The uploaded-file contract, on a real Redis. */
class RedisBlobStoreTest extends BlobStoreContractTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return redis.newBroker(settings);
    }

    @Override
    protected Broker newBrokerOnSameStore(BrokerSettings settings) {
        return redis.newBroker(settings);
    }
}
