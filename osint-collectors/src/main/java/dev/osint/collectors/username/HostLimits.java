package dev.osint.collectors.username;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** At most {@code perHost} requests at once to one host (and port): many catalogue sites share a host. */
final class HostLimits {
    private final int perHost;
    private final Map<String, Semaphore> byHost = new ConcurrentHashMap<>();

    HostLimits(int perHost) {
        this.perHost = perHost;
    }

    Semaphore forUrl(String url) {
        String key;
        try {
            URI uri = URI.create(url);
            key = (uri.getHost() == null ? url : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            key = url; // the checker reports the bad URL; it needs no shared permit
        }
        return byHost.computeIfAbsent(key, k -> new Semaphore(perHost));
    }
}
