package dev.osint.queue.memory;

import dev.osint.queue.Broker;
import dev.osint.queue.BrokerContractTest;
import dev.osint.queue.BrokerSettings;

/** The broker contract, in memory. */
class MemoryBrokerTest extends BrokerContractTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }
}
