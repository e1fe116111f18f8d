package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskStateTest {
    @Test
    void finalStatesGoNowhere() {
        for (TaskState end : new TaskState[] {TaskState.SUCCESS, TaskState.FAILURE, TaskState.REVOKED}) {
            assertThat(end.isFinal()).isTrue();
            for (TaskState next : TaskState.values()) {
                assertThat(end.canMoveTo(next)).isFalse();
            }
        }
    }

    @Test
    void theUsualLifeCycleIsAllowed() {
        assertThat(TaskState.PENDING.checkMoveTo(TaskState.STARTED).checkMoveTo(TaskState.PROCESSING)
                .checkMoveTo(TaskState.SUCCESS)).isEqualTo(TaskState.SUCCESS);
        assertThat(TaskState.STARTED.canMoveTo(TaskState.RETRY)).isTrue();
        assertThat(TaskState.RETRY.canMoveTo(TaskState.STARTED)).isTrue();
    }

    @Test
    void anIllegalMoveThrows() {
        assertThatThrownBy(() -> TaskState.PENDING.checkMoveTo(TaskState.SUCCESS))
                .hasMessage("a task cannot move from PENDING to SUCCESS");
    }
}
