package dev.osint.server;

import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.testing.TestRedis;
import java.util.function.Function;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The task listing, retry, events and metrics through the API on a real Redis. */
class RedisTaskApiTest extends TaskApiContractTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    @Override
    protected Function<BrokerSettings, Broker> broker() {
        return redis::newBroker;
    }
}
