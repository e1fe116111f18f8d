package dev.osint.collectors.whois;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RDAP bootstrap files this process uses: the bundled copies, and IANA's current {@code dns.json} once the
 * bundled one is older than {@link #MAX_AGE} and the refresh URL answers. Shared by every scan of the process.
 */
final class RdapBootstraps {
    static final String REFRESH_URL_SETTING = "OSINT_RDAP_BOOTSTRAP_URL";
    static final String DEFAULT_REFRESH_URL = "https://data.iana.org/rdap/dns.json";
    /** IANA republishes dns.json whenever a TLD's RDAP service changes, which is every few days. */
    static final Duration MAX_AGE = Duration.ofDays(30);
    /** A refreshed file is fetched again after this long. */
    static final Duration REFRESH_EVERY = Duration.ofDays(1);
    /** After a failed refresh the bundled copy is used this long before the next try, so scans do not each wait. */
    static final Duration RETRY_REFRESH_AFTER = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(RdapBootstraps.class);

    private static final RdapBootstrap BUNDLED_DNS = bundled("dns.json");
    private static final RdapBootstrap BUNDLED_IPV4 = bundled("ipv4.json");
    private static final RdapBootstrap BUNDLED_IPV6 = bundled("ipv6.json");
    /** Refreshed dns.json by refresh URL (tests use several). */
    private static final Map<String, Refreshed> REFRESHED = new ConcurrentHashMap<>();

    private record Refreshed(RdapBootstrap file, Instant checkedAt) {}

    private RdapBootstraps() {}

    static RdapBootstrap ipv4() {
        return BUNDLED_IPV4;
    }

    static RdapBootstrap ipv6() {
        return BUNDLED_IPV6;
    }

    static RdapBootstrap bundledDns() {
        return BUNDLED_DNS;
    }

    /** The TLD file to use now: the bundled one while fresh, else the refreshed one, else the bundled one. */
    static RdapBootstrap dns(ScanContext context, Clock clock) throws InterruptedException {
        Instant now = clock.instant();
        if (!isStale(BUNDLED_DNS, now)) {
            return BUNDLED_DNS;
        }
        URI url = refreshUrl(context.settings());
        Refreshed known = REFRESHED.get(url.toString());
        if (known != null && known.checkedAt().plus(known.file() == null ? RETRY_REFRESH_AFTER : REFRESH_EVERY).isAfter(now)) {
            return known.file() == null ? BUNDLED_DNS : known.file();
        }
        RdapBootstrap fetched = fetch(context, url);
        REFRESHED.put(url.toString(), new Refreshed(fetched, now));
        return fetched == null ? BUNDLED_DNS : fetched;
    }

    static boolean isStale(RdapBootstrap file, Instant now) {
        return file.publication() == null || file.publication().plus(MAX_AGE).isBefore(now);
    }

    private static URI refreshUrl(Settings settings) {
        String text = settings.get(REFRESH_URL_SETTING, DEFAULT_REFRESH_URL);
        try {
            URI url = URI.create(text);
            if (url.getHost() == null || !(url.getScheme().equalsIgnoreCase("https")
                    || url.getScheme().equalsIgnoreCase("http"))) {
                throw new IllegalArgumentException("no http(s) URL");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new CollectorException(REFRESH_URL_SETTING + " must be the http(s) URL of a dns.json file");
        }
    }

    /** IANA's current file, or null (logged) when it cannot be had: the bundled copy then serves. */
    private static RdapBootstrap fetch(ScanContext context, URI url) throws InterruptedException {
        URI origin = URI.create(url.getScheme() + "://" + url.getRawAuthority());
        try {
            Upstream iana = Upstream.of(context.settings(), WhoisCollector.RDAP_BOOTSTRAP)
                    .at(origin, "RDAP bootstrap (" + url.getHost() + ")");
            UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, iana)
                    .get(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()).json();
            if (answer.isNotFound()) {
                LOG.warn("{} has no RDAP bootstrap file (HTTP {}); using the bundled one", url, answer.status());
                return null;
            }
            return RdapBootstrap.parse(answer.body());
        } catch (CollectorException | IllegalArgumentException e) {
            LOG.warn("cannot refresh the RDAP bootstrap from {}: {}; using the bundled one", url, e.getMessage());
            return null;
        }
    }

    private static RdapBootstrap bundled(String file) {
        try (InputStream in = RdapBootstraps.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the bundled RDAP bootstrap " + file + " is missing from the jar");
            }
            return RdapBootstrap.parse(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled RDAP bootstrap " + file, e);
        }
    }

    /** Forgets refreshed files; for tests that check the refresh itself. */
    static void forgetRefreshed() {
        REFRESHED.clear();
    }
}
