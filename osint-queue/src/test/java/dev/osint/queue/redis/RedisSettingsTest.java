package dev.osint.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
    private static RedisSettings from(Map<String, String> values) {
        return RedisSettings.from(new Settings(values)).orElseThrow();
    }

    @Test
    void finishedTasksAreKeptByDefaultAndZeroTurnsItOff() {
        assertThat(from(Map.of("REDIS_URL", "redis://127.0.0.1:6379")).finalTasksKept())
                .isEqualTo(RedisSettings.DEFAULT_FINAL_TASKS_KEPT);
        assertThat(from(Map.of("REDIS_URL", "redis://127.0.0.1:6379", "OSINT_REDIS_FINAL_TASKS_KEPT", "0"))
                .finalTasksKept()).isZero();
        assertThatThrownBy(() -> from(Map.of("REDIS_URL", "redis://127.0.0.1:6379",
                "OSINT_REDIS_FINAL_TASKS_KEPT", "-1"))).hasMessageContaining("OSINT_REDIS_FINAL_TASKS_KEPT");
    }

    @Test
    void theSlotsAreThePowerOfTwoFromTheSetting() {
        assertThat(FinalTaskCache.slotsFor(1)).isEqualTo(1);
        assertThat(FinalTaskCache.slotsFor(1000)).isEqualTo(1024);
        assertThat(FinalTaskCache.slotsFor(1024)).isEqualTo(1024);
        assertThat(FinalTaskCache.slotsFor(1025)).isEqualTo(2048);
        assertThat(FinalTaskCache.slotsFor(RedisSettings.MAX_FINAL_TASKS_KEPT))
                .isEqualTo(RedisSettings.MAX_FINAL_TASKS_KEPT);
    }
}
