package dev.osint.queue;

/** The broker contract, in memory. */
class MemoryBrokerTest extends BrokerContractTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }
}
