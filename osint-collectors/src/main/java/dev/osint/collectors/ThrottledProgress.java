package dev.osint.collectors;

import dev.osint.core.ScanContext;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A collector's progress passed on at most every 100 ms, the first not before the scan has run 100 ms: each report
 * costs the broker a write and every watcher an event, and a scan that ends sooner says all by its final state.
 */
public final class ThrottledProgress {
    static final long INTERVAL_NANOS = 100_000_000L;

    private final ScanContext context;
    private final LongSupplier clock;
    private long last;

    public ThrottledProgress(ScanContext context) {
        this(context, System::nanoTime);
    }

    /** @param clock {@link System#nanoTime()}, or a test's */
    public ThrottledProgress(ScanContext context, LongSupplier clock) {
        this.context = context;
        this.clock = clock;
        this.last = clock.getAsLong();
    }

    /** Passed on unless the last report (or the start) was less than 100 ms ago. */
    public synchronized void report(double fraction, String stage) {
        long now = clock.getAsLong();
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            context.progress(fraction, stage);
        }
    }

    /**
     * As {@link #report(double, String)}, the stage's text written only when it is passed on: a fast scan's many
     * reports are nearly all dropped, and their texts were built for nothing.
     */
    public synchronized void report(double fraction, Supplier<String> stage) {
        long now = clock.getAsLong();
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            context.progress(fraction, stage.get());
        }
    }

    /** Passed on whatever the time: a stage the watcher must see, such as the last count of a long run. */
    public synchronized void always(double fraction, String stage) {
        last = clock.getAsLong();
        context.progress(fraction, stage);
    }
}
