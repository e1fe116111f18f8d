package dev.osint.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An outside service a collector calls, declared once: where it is and the setting that moves it, the key it takes,
 * how long one call may take, how fast calls may go, how large an answer may be, whether redirects are followed,
 * and its circuit breaker. A collector lists its upstreams in its {@link CollectorSpec} and makes every call by
 * naming one of them; the API, {@code osint collectors} and docs/UPSTREAMS.md show these declarations.
 * <pre>{@code
 * static final UpstreamSpec CRTSH = UpstreamSpec.http("crtsh", "crt.sh", "https://crt.sh")
 *         .timeout(Duration.ofSeconds(60)).rateLimit(RateLimit.perMinute(30));
 * }</pre>
 *
 * @param name           metrics and circuits go by it; in upper case it is the settings prefix ({@code crtsh}:
 *                       {@code OSINT_CRTSH_*}); a circuit of one of its servers is {@code name:host}
 * @param displayName    the name people know it by ({@code crt.sh}); error texts start with it
 * @param protocol       HTTP, or WHOIS on port 43
 * @param baseUrlSetting the variable an operator points it elsewhere with; null when users choose the address
 * @param defaultBaseUrl where it is unless that variable says otherwise; null when there is no one place
 * @param keySetting     the variable holding its key (or {@code keySetting_FILE}); null when it takes none
 * @param keyHelp        where a user gets a key; null when it takes none
 * @param timeout        the longest one call may take, body included ({@link #timeoutSetting()} overrides it)
 * @param rateLimit      calls per period, shared by every worker process (per server with {@link Circuit#PER_SERVER})
 * @param maxBodyBytes   the largest answer read: an API's larger answer is refused, a WHOIS answer cut there
 * @param maxRedirects   redirects followed (WHOIS: referrals to other servers), each one checked by the SSRF guard;
 *                       0: a redirect is an error
 * @param circuit        one circuit breaker, one per server, or none
 * @param userChosen     true when users choose the address (a profile page, a Mastodon instance): no settings, and
 *                       every address checked by the SSRF guard and pinned
 */
public record UpstreamSpec(String name, String displayName, Protocol protocol, String baseUrlSetting,
                           String defaultBaseUrl, String keySetting, String keyHelp, Duration timeout,
                           RateLimit rateLimit, long maxBodyBytes, int maxRedirects, Circuit circuit,
                           boolean userChosen) {
    /** An API call's timeout unless its upstream says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The largest API answer read unless its upstream says otherwise. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L << 20;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** How it is spoken to. */
    public enum Protocol { HTTP, WHOIS }

    /** Which circuit breakers its calls pass through. */
    public enum Circuit {
        /** One for the whole upstream, named after it. */
        ONE,
        /** One per server it is reached at ({@code rdap:rdap.verisign.com}), for a service run by many. */
        PER_SERVER,
        /** None: users choose its addresses, and could mint breakers without end. */
        NONE
    }

    public UpstreamSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an upstream's name is lower-case letters, digits and '_': " + name);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + ": the timeout must be more than 0");
        }
        if (maxBodyBytes < 1 || maxRedirects < 0 || rateLimit == null || circuit == null || protocol == null) {
            throw new IllegalArgumentException(name + ": a body cap of at least 1 byte, no negative redirect count, a"
                    + " rate limit, a circuit policy and a protocol are needed");
        }
        if (userChosen && (baseUrlSetting != null || keySetting != null || circuit != Circuit.NONE)) {
            throw new IllegalArgumentException(name + ": an address users choose has no settings and no circuit");
        }
        if (maxRedirects > 0 && protocol == Protocol.HTTP && !userChosen) {
            // a redirect would take an operator's upstream somewhere nobody checked: the guard is for user addresses
            throw new IllegalArgumentException(name + ": an operator's API answers where it is; redirects are followed"
                    + " only at addresses users choose, each hop checked by the SSRF guard");
        }
    }

    /**
     * An HTTP API at {@code defaultBaseUrl}, moved by {@code OSINT_<NAME>_BASE_URL}: no key, 30 s, no rate limit,
     * answers up to 20 MiB, redirects not followed, one circuit breaker.
     */
    public static UpstreamSpec http(String name, String displayName, String defaultBaseUrl) {
        return new UpstreamSpec(name, displayName, Protocol.HTTP, "OSINT_" + prefixOf(name) + "_BASE_URL",
                defaultBaseUrl, null, null, DEFAULT_TIMEOUT, RateLimit.UNLIMITED, DEFAULT_MAX_BODY_BYTES, 0,
                Circuit.ONE, false);
    }

    /** HTTP at addresses users choose: no settings, no circuit breaker, every address checked and pinned. */
    public static UpstreamSpec userChosen(String name, String displayName) {
        return new UpstreamSpec(name, displayName, Protocol.HTTP, null, null, null, null, DEFAULT_TIMEOUT,
                RateLimit.UNLIMITED, DEFAULT_MAX_BODY_BYTES, 0, Circuit.NONE, true);
    }

    /** Port-43 WHOIS servers, the first one named by {@code serverSetting}: a circuit breaker per server. */
    public static UpstreamSpec whois(String name, String displayName, String serverSetting, String defaultServer) {
        return new UpstreamSpec(name, displayName, Protocol.WHOIS, serverSetting, defaultServer, null, null,
                DEFAULT_TIMEOUT, RateLimit.UNLIMITED, DEFAULT_MAX_BODY_BYTES, 0, Circuit.PER_SERVER, false);
    }

    /** Takes a key in {@code OSINT_<NAME>_API_KEY}; {@code keyHelp} says where to get one. */
    public UpstreamSpec key(String help) {
        return new UpstreamSpec(name, displayName, protocol, baseUrlSetting, defaultBaseUrl,
                "OSINT_" + prefixOf(name) + "_API_KEY", help, timeout, rateLimit, maxBodyBytes, maxRedirects, circuit,
                userChosen);
    }

    /** Moved by {@code setting} rather than {@code OSINT_<NAME>_BASE_URL}. */
    public UpstreamSpec baseUrl(String setting, String defaultUrl) {
        return new UpstreamSpec(name, displayName, protocol, setting, defaultUrl, keySetting, keyHelp, timeout,
                rateLimit, maxBodyBytes, maxRedirects, circuit, userChosen);
    }

    public UpstreamSpec timeout(Duration value) {
        return new UpstreamSpec(name, displayName, protocol, baseUrlSetting, defaultBaseUrl, keySetting, keyHelp,
                value, rateLimit, maxBodyBytes, maxRedirects, circuit, userChosen);
    }

    public UpstreamSpec rateLimit(RateLimit value) {
        return new UpstreamSpec(name, displayName, protocol, baseUrlSetting, defaultBaseUrl, keySetting, keyHelp,
                timeout, value, maxBodyBytes, maxRedirects, circuit, userChosen);
    }

    public UpstreamSpec maxBodyBytes(long value) {
        return new UpstreamSpec(name, displayName, protocol, baseUrlSetting, defaultBaseUrl, keySetting, keyHelp,
                timeout, rateLimit, value, maxRedirects, circuit, userChosen);
    }

    /** Follows up to {@code max} redirects (WHOIS: referrals), each hop checked by the SSRF guard. */
    public UpstreamSpec followRedirects(int max) {
        return new UpstreamSpec(name, displayName, protocol, baseUrlSetting, defaultBaseUrl, keySetting, keyHelp,
                timeout, rateLimit, maxBodyBytes, max, circuit, userChosen);
    }

    /** A circuit breaker (and a rate limit) per server, for a service run by many, such as RDAP. */
    public UpstreamSpec circuitPerServer() {
        return new UpstreamSpec(name, displayName, protocol, baseUrlSetting, defaultBaseUrl, keySetting, keyHelp,
                timeout, rateLimit, maxBodyBytes, maxRedirects, Circuit.PER_SERVER, userChosen);
    }

    /** {@code OSINT_<NAME>_TIMEOUT} (seconds), which wins over {@link #timeout()}; null when users choose it. */
    public String timeoutSetting() {
        return userChosen ? null : "OSINT_" + prefixOf(name) + "_TIMEOUT";
    }

    public boolean takesKey() {
        return keySetting != null;
    }

    /** The key as a {@link CollectorSpec} lists it among its secrets. */
    public SecretSpec secretSpec(boolean required) {
        if (keySetting == null) {
            throw new IllegalStateException(name + " takes no key");
        }
        return new SecretSpec(keySetting, required, keyHelp == null ? "" : keyHelp);
    }

    /** The circuit breaker of a call to {@code host}: null for none, the name, or {@code name:host}. */
    public String circuitFor(String host) {
        return switch (circuit) {
            case NONE -> null;
            case ONE -> name;
            case PER_SERVER -> name + ":" + host.toLowerCase(Locale.ROOT);
        };
    }

    /** The rate-limit bucket a call to {@code host} takes its permit from: per server or for the whole upstream. */
    public String rateKeyFor(String host) {
        return circuit == Circuit.PER_SERVER ? name + ":" + host.toLowerCase(Locale.ROOT) : name;
    }

    // How people read a declaration: docs/UPSTREAMS.md, osint collectors.

    /** {@code 60 s}, {@code 0.5 s}. */
    public String timeoutText() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** {@code 30 a minute}, {@code 2 a second, per server}, {@code unlimited}. */
    public String rateLimitText() {
        if (rateLimit.isUnlimited()) {
            return "unlimited";
        }
        long seconds = rateLimit.period().toSeconds();
        String per = switch ((int) Math.min(Integer.MAX_VALUE, seconds)) {
            case 1 -> "a second";
            case 60 -> "a minute";
            case 3600 -> "an hour";
            default -> "per " + seconds + " s";
        };
        return rateLimit.permits() + " " + per + (circuit == Circuit.PER_SERVER ? ", per server" : "");
    }

    /** {@code 20 MiB}, {@code 256 KiB, the rest cut}. */
    public String maxBodyText() {
        String size = maxBodyBytes % (1 << 20) == 0 ? maxBodyBytes / (1 << 20) + " MiB"
                : maxBodyBytes % 1024 == 0 ? maxBodyBytes / 1024 + " KiB" : maxBodyBytes + " bytes";
        return protocol == Protocol.WHOIS ? size + ", the rest cut" : size;
    }

    /** {@code never followed}, {@code up to 5, each checked}, {@code referrals: up to 2, each checked}. */
    public String redirectsText() {
        if (maxRedirects == 0) {
            return "never followed";
        }
        String upTo = "up to " + maxRedirects + ", each checked by the SSRF guard";
        return protocol == Protocol.WHOIS ? "referrals: " + upTo : upTo;
    }

    /** {@code one}, {@code one per server (rdap:<host>)}, {@code none}. */
    public String circuitText() {
        return switch (circuit) {
            case ONE -> "one";
            case PER_SERVER -> "one per server (" + name + ":<host>)";
            case NONE -> "none";
        };
    }

    private static String prefixOf(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
