package dev.osint.queue.worker;

import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.memory.MemoryBroker;

/** Worker behaviour on the in-memory broker. */
class MemoryWorkerTest extends WorkerBehaviourTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }
}
