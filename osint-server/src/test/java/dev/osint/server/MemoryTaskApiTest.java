package dev.osint.server;

import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.memory.MemoryBroker;
import java.util.function.Function;

/** The task listing, retry, events and metrics through the API on the in-memory broker. */
class MemoryTaskApiTest extends TaskApiContractTest {
    @Override
    protected Function<BrokerSettings, Broker> broker() {
        return MemoryBroker::new;
    }
}
