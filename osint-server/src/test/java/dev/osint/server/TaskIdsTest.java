package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which path parameters can name a task: the ids this project and Celery hand out, and nothing else. */
class TaskIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"3f2c9a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f", "a", "a.b_c:d-e", "Z9", "-", ".."})
    void idsOfTheseCharactersHaveTheShape(String id) {
        assertThat(TaskIds.hasShape(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "a%2Fb", "é", "a\u0000", "ＡＢＣ", "a\nb", "١٢٣", "a+b"})
    void anythingElseHasNot(String id) {
        assertThat(TaskIds.hasShape(id)).isFalse();
    }

    @Test
    void anIdIsAtMost128CharactersLong() {
        assertThat(TaskIds.hasShape("x".repeat(128))).isTrue();
        assertThat(TaskIds.hasShape("x".repeat(129))).isFalse();
    }
}
