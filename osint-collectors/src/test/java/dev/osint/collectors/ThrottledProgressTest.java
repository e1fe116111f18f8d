package dev.osint.collectors;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.dns.DnsCollector;
import dev.osint.core.testing.TestScanContext;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledProgressTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final TestScanContext context = aScanOf(new DnsCollector()).target("example.test").build();
    private final ThrottledProgress progress = new ThrottledProgress(context, now::get);

    @Test
    void nothingIsPassedOnInTheFirstTenthOfASecond() {
        progress.report(0.1, "one");
        now.addAndGet(99 * MS);
        progress.report(0.2, "two");

        assertThat(context.progress).isEmpty();
    }

    @Test
    void afterThatOneReportPerTenthOfASecondGoesThrough() {
        for (int i = 1; i <= 10; i++) {
            now.addAndGet(40 * MS);
            progress.report(i / 10.0, "step " + i);
        }

        // at 120, 240 and 360 ms, each 100 ms or more after the one before
        assertThat(context.progress).containsExactly("0.3 step 3", "0.6 step 6", "0.9 step 9");
    }

    @Test
    void aStageWrittenOnDemandIsWrittenOnlyForTheReportsPassedOn() {
        AtomicLong written = new AtomicLong();
        for (int i = 1; i <= 10; i++) {
            now.addAndGet(40 * MS);
            int step = i;
            progress.report(i / 10.0, () -> {
                written.incrementAndGet();
                return "step " + step;
            });
        }

        assertThat(context.progress).containsExactly("0.3 step 3", "0.6 step 6", "0.9 step 9");
        assertThat(written).as("texts of dropped reports are never built").hasValue(3);
    }

    @Test
    void aStageThatMustBeSeenGoesThroughAndRestartsTheWait() {
        progress.always(1.0, "last");
        now.addAndGet(50 * MS);
        progress.report(0.5, "soon after");

        assertThat(context.progress).containsExactly("1.0 last");
    }
}
