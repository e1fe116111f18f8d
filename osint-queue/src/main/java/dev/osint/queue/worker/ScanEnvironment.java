package dev.osint.queue.worker;

import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.queue.RateLimiter;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What every scan in a process shares: the DNS servers, the settings, the rate limiter, and what the process has
 * learnt of its upstreams (their circuit breakers). HTTP goes through the collectors' own client, which applies each
 * upstream's declared limits.
 */
public record ScanEnvironment(List<InetSocketAddress> dnsResolvers, Settings settings,
                              RateLimiter rateLimiter, UpstreamHealth upstreams) {
    /** An environment whose upstreams are not tracked: no circuit breakers, no upstream metrics. */
    public static ScanEnvironment from(Settings settings, RateLimiter rateLimiter) {
        return from(settings, rateLimiter, UpstreamHealth.UNTRACKED);
    }

    public static ScanEnvironment from(Settings settings, RateLimiter rateLimiter, UpstreamHealth upstreams) {
        return new ScanEnvironment(settings.hostPorts("OSINT_DNS_RESOLVERS", 53), settings, rateLimiter,
                upstreams);
    }
}
