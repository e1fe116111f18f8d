package dev.osint.queue.memory;

import dev.osint.queue.BrokerEvent;
import dev.osint.queue.EventIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The in-memory broker's event log: the last {@code capacity} events in a ring, with ids shaped like Redis Stream
 * ids ({@code <ms>-<n>}, the time never going back, {@code n} counting every event), so a resume works the same on
 * both brokers. Not thread-safe: the broker's lock guards it.
 */
final class EventRing {
    private final BrokerEvent[] ring;
    /** How many events were ever added; the next one gets this number. */
    private long next;
    private long lastMillis;

    EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an event ring needs room for at least one event");
        }
        this.ring = new BrokerEvent[capacity];
    }

    void add(Function<String, BrokerEvent> event, Instant at) {
        lastMillis = Math.max(lastMillis, at.toEpochMilli());
        ring[(int) (next % ring.length)] = event.apply(EventIds.of(lastMillis, next));
        next++;
    }

    String lastId() {
        return next == 0 ? EventIds.START : get(next - 1).id();
    }

    /** Up to {@code most} events after {@code afterId}, oldest first; from the oldest kept when it is older. */
    List<BrokerEvent> after(String afterId, int most) {
        long oldest = Math.max(0, next - ring.length);
        // the first kept event whose id comes after afterId: ids increase, so a binary search finds it
        long low = oldest;
        long high = next;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (EventIds.compare(get(middle).id(), afterId) > 0) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        List<BrokerEvent> found = new ArrayList<>();
        for (long n = low; n < next && found.size() < most; n++) {
            found.add(get(n));
        }
        return found;
    }

    private BrokerEvent get(long n) {
        return ring[(int) (n % ring.length)];
    }
}
