package dev.osint.queue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Who waits for the children of which parent ({@link Broker#onChildEnded}); both brokers keep one. */
public final class ChildEndSignals {
    private final Map<String, List<Runnable>> byParent = new ConcurrentHashMap<>();

    public Broker.Watch add(String parentId, Runnable signal) {
        byParent.compute(parentId, (parent, signals) -> {
            List<Runnable> kept = signals == null ? new CopyOnWriteArrayList<>() : signals;
            kept.add(signal);
            return kept;
        });
        return () -> byParent.computeIfPresent(parentId, (parent, signals) -> {
            signals.remove(signal);
            return signals.isEmpty() ? null : signals;
        });
    }

    /** A child of {@code parentId} ended (or may have). */
    public void ended(String parentId) {
        List<Runnable> signals = byParent.get(parentId);
        if (signals != null) {
            signals.forEach(Runnable::run);
        }
    }
}
