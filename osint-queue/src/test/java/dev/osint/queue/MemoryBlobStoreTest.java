package dev.osint.queue;

/** The uploaded-file contract, in memory. */
class MemoryBlobStoreTest extends BlobStoreContractTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }
}
