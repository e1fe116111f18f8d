package dev.osint.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueDrainTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Duration UNKNOWN = Duration.ofSeconds(30);
    private final QueueDrain drain = new QueueDrain();

    @Test
    void beforeARateIsMeasuredTheFallbackIsAnswered() {
        assertThat(drain.untilFinished(1, 1_000, 0, UNKNOWN)).isEqualTo(UNKNOWN);
        assertThat(drain.untilFinished(1, 1_001, SECOND / 2, UNKNOWN)).as("half a second is too short")
                .isEqualTo(UNKNOWN);
    }

    @Test
    void theWaitIsHowLongTheMeasuredRateTakesToFinishThatMany() {
        drain.untilFinished(1, 1_000, 0, UNKNOWN);
        // 20 finished in 10 s: two a second
        assertThat(drain.untilFinished(1, 1_020, 10 * SECOND, UNKNOWN)).isEqualTo(Duration.ofSeconds(1));
        assertThat(drain.untilFinished(9, 1_020, 10 * SECOND, UNKNOWN)).isEqualTo(Duration.ofSeconds(5));
        assertThat(drain.untilFinished(100_000, 1_020, 10 * SECOND, UNKNOWN)).isEqualTo(QueueDrain.LONGEST);
    }

    @Test
    void aStalledQueueOrAnOldRateFallsBack() {
        drain.untilFinished(1, 1_000, 0, UNKNOWN);
        assertThat(drain.untilFinished(1, 1_000, 10 * SECOND, UNKNOWN)).as("nothing finished").isEqualTo(UNKNOWN);
        drain.untilFinished(1, 1_010, 20 * SECOND, UNKNOWN);
        assertThat(drain.untilFinished(1, 1_010, 20 * SECOND + SECOND / 2, UNKNOWN)).isEqualTo(Duration.ofSeconds(1));
        assertThat(drain.untilFinished(1, 1_010, 20 * SECOND + 6 * 60 * SECOND, UNKNOWN)).isEqualTo(UNKNOWN);
    }
}
