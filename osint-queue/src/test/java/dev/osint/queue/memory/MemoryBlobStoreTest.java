package dev.osint.queue.memory;

import dev.osint.queue.BlobStoreContractTest;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;

/** The uploaded-file contract, in memory. */
class MemoryBlobStoreTest extends BlobStoreContractTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }
}
