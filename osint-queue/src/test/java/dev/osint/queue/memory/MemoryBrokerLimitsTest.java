package dev.osint.queue.memory;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Brokers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What only the in-memory broker bounds: the finished tasks it keeps in the heap before their expiry. */
class MemoryBrokerLimitsTest {
    @Test
    void pastItsLimitTheOldestFinishedTasksAreForgottenFirstAndUnfinishedOnesNever() {
        MemoryBroker broker = new MemoryBroker(BrokerSettings.DEFAULTS, Clock.systemUTC(), 0, 3);
        TaskRecord waiting = aTask().build();
        broker.enqueue(waiting);
        List<TaskRecord> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TaskRecord task = aTask().build();
            broker.enqueue(task);
            assertThat(broker.revoke(task.id())).contains(TaskState.REVOKED);
            finished.add(task);
        }
        assertThat(finished.subList(0, 2)).allSatisfy(t -> assertThat(broker.get(t.id())).isEmpty());
        assertThat(finished.subList(2, 5)).allSatisfy(t -> assertThat(broker.get(t.id())).isPresent());
        assertThat(broker.get(waiting.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
    }

    @Test
    void theLimitIsASettingThatRefusesNonsense() {
        assertThatThrownBy(() -> Brokers.open(new Settings(Map.of("OSINT_MEMORY_MAX_FINISHED", "0"))))
                .hasMessageContaining("OSINT_MEMORY_MAX_FINISHED");
    }
}
