package dev.osint.queue.memory;

import dev.osint.queue.Broker;
import dev.osint.queue.FinishedTasksContractTest;
import java.time.Clock;

class MemoryFinishedTasksTest extends FinishedTasksContractTest {
    @Override
    protected Broker newBroker(int backlog) {
        return new MemoryBroker(SETTINGS, Clock.systemUTC(), backlog);
    }
}
