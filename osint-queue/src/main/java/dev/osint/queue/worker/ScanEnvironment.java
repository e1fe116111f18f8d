package dev.osint.queue.worker;

import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.queue.RateLimiter;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * What every scan in a process shares: one HTTP client, the DNS servers, the settings, the rate limiter, and what
 * the process has learnt of its upstreams (their circuit breakers).
 */
public record ScanEnvironment(HttpClient http, List<InetSocketAddress> dnsResolvers, Settings settings,
                              RateLimiter rateLimiter, UpstreamHealth upstreams) {
    /** An environment whose upstreams are not tracked: no circuit breakers, no upstream metrics. */
    public static ScanEnvironment from(Settings settings, RateLimiter rateLimiter) {
        return from(settings, rateLimiter, UpstreamHealth.UNTRACKED);
    }

    public static ScanEnvironment from(Settings settings, RateLimiter rateLimiter, UpstreamHealth upstreams) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ScanEnvironment(http, settings.hostPorts("OSINT_DNS_RESOLVERS", 53), settings, rateLimiter,
                upstreams);
    }
}
