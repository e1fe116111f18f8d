package dev.osint.queue.memory;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.TaskRecord;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerContractTest;
import dev.osint.queue.BrokerSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The broker contract, in memory. */
class MemoryBrokerTest extends BrokerContractTest {
    @Override
    protected Broker newBroker(BrokerSettings settings) {
        return new MemoryBroker(settings);
    }

    @Test
    void aStatusReadDoesNotWaitForTheLockTheWorkersWritesHold() throws Exception {
        MemoryBroker memory = new MemoryBroker(new BrokerSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(10)));
        TaskRecord task = aTask().build();
        memory.enqueue(task);
        java.lang.reflect.Field field = MemoryBroker.class.getDeclaredField("lock");
        field.setAccessible(true);
        ReentrantLock lock = (ReentrantLock) field.get(memory);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        try {
            held.await();
            // a read that took the lock would wait for the holder, which waits for this read's answer
            assertThat(CompletableFuture.supplyAsync(() -> memory.get(task.id())).get(10, TimeUnit.SECONDS))
                    .hasValueSatisfying(read -> assertThat(read.id()).isEqualTo(task.id()));
        } finally {
            done.countDown();
            holder.join();
            memory.close();
        }
    }
}
