package dev.osint.queue;

import java.time.Clock;

class MemoryFinishedTasksTest extends FinishedTasksContractTest {
    @Override
    protected Broker newBroker(int backlog) {
        return new MemoryBroker(SETTINGS, Clock.systemUTC(), backlog);
    }
}
