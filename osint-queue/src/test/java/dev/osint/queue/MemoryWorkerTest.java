package dev.osint.queue;

/** Worker behaviour on the in-memory broker. */
class MemoryWorkerTest extends WorkerBehaviourTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }
}
