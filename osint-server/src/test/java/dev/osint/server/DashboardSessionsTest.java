package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a session ends: idle too long, too old however busy, or closed. */
class DashboardSessionsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final DashboardSessions sessions = new DashboardSessions(Duration.ofMinutes(30), Duration.ofHours(2),
            now::get);
    private final Caller alice = new Caller("alice", "alice", false);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aSessionUsedWithinItsIdleTimeLastsAndOneLeftIdleEnds() {
        String id = sessions.open(alice);
        advance(Duration.ofMinutes(29));
        assertThat(sessions.find(id)).contains(alice);
        advance(Duration.ofMinutes(29));
        assertThat(sessions.find(id)).as("each use restarts the idle time").contains(alice);

        advance(Duration.ofMinutes(31));

        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void aBusySessionEndsAtItsMaximumAge() {
        String id = sessions.open(alice);
        for (int i = 0; i < 7; i++) {
            advance(Duration.ofMinutes(17));
            assertThat(sessions.find(id)).as("after " + 17 * (i + 1) + " minutes").contains(alice);
        }
        advance(Duration.ofMinutes(17)); // 136 minutes after it opened

        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void aClosedSessionIsGoneAndEachIdIsNew() {
        String id = sessions.open(alice);
        String other = sessions.open(alice);

        sessions.close(id);

        assertThat(sessions.find(id)).isEmpty();
        assertThat(sessions.find(other)).contains(alice);
        assertThat(other).isNotEqualTo(id).hasSize(43);
    }
}
