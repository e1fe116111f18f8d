package dev.osint.core;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The collectors on the class path, by type. */
public final class CollectorRegistry {
    private final Map<String, Collector> byType;

    public CollectorRegistry(Collection<Collector> collectors) {
        Map<String, Collector> map = new TreeMap<>();
        for (Collector collector : collectors) {
            Collector previous = map.put(collector.spec().type(), collector);
            if (previous != null) {
                throw new IllegalStateException("two collectors share the type '" + collector.spec().type() + "': "
                        + previous.getClass().getName() + " and " + collector.getClass().getName());
            }
        }
        this.byType = map;
    }

    /** Every {@link Collector} registered in {@code META-INF/services}. */
    public static CollectorRegistry load() {
        return new CollectorRegistry(ServiceLoader.load(Collector.class).stream().map(ServiceLoader.Provider::get)
                .toList());
    }

    public Optional<Collector> get(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    public Collection<Collector> all() {
        return byType.values();
    }

    /** The OSINT collectors, without built-in tasks such as ping. */
    public Collection<Collector> listed() {
        return byType.values().stream().filter(c -> c.spec().listed()).toList();
    }

    public Collection<String> types() {
        return byType.keySet();
    }
}
