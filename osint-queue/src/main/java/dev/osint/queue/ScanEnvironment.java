package dev.osint.queue;

import dev.osint.core.Settings;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/** What every scan in a process shares: one HTTP client, the DNS servers, the settings and the rate limiter. */
public record ScanEnvironment(HttpClient http, List<InetSocketAddress> dnsResolvers, Settings settings,
                              RateLimiter rateLimiter) {
    public static ScanEnvironment from(Settings settings, RateLimiter rateLimiter) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ScanEnvironment(http, settings.hostPorts("OSINT_DNS_RESOLVERS", 53), settings, rateLimiter);
    }
}
