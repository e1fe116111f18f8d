package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Secret;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import dev.osint.core.UpstreamSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@link UpstreamSpec} as the operator's settings make it for one scan: its base URL ({@code baseUrlSetting}, else
 * the default), its key ({@code OSINT_<NAME>_API_KEY} or {@code …_FILE}) and its timeout
 * ({@code OSINT_<NAME>_TIMEOUT}, else the declared one). Addresses set here are trusted as they are: the operator
 * chose them. Its calls wait for its rate limit, pass through its circuit breaker and are counted under its name
 * (see {@link UpstreamBreakers}); an upstream whose address a user chose goes through an {@link SsrfGuard} instead.
 */
public final class Upstream {
    private static final String MASK = "****";

    private final UpstreamSpec spec;
    private final String displayName;
    private final URI baseUrl;
    private final String server;
    private final Secret key;
    private final Duration timeout;
    private final SsrfGuard guard;

    private Upstream(UpstreamSpec spec, String displayName, URI baseUrl, String server, Secret key, Duration timeout,
                     SsrfGuard guard) {
        this.spec = spec;
        this.displayName = displayName;
        this.baseUrl = baseUrl;
        this.server = server;
        this.key = key;
        this.timeout = timeout;
        this.guard = guard;
    }

    /**
     * The upstream {@code spec} declares, as {@code settings} configure it; a setting that cannot be used is a final
     * {@link CollectorException} naming the variable. A missing key is only an error once {@link #requireKey()} is
     * called, so collectors whose key is optional still run without one.
     */
    public static Upstream of(Settings settings, UpstreamSpec spec) {
        if (spec.userChosen()) {
            throw new IllegalArgumentException(spec.name() + " is reached at addresses users choose: use userChosen");
        }
        URI base = null;
        if (spec.protocol() == UpstreamSpec.Protocol.HTTP) {
            String value = settings.get(spec.baseUrlSetting(), spec.defaultBaseUrl());
            base = value == null ? null : parseBaseUrl(spec.baseUrlSetting(), value);
        }
        Secret secret = null;
        Duration timeout = spec.timeout();
        try {
            if (spec.takesKey()) {
                secret = settings.secret(spec.keySetting()).orElse(null);
            }
            String timeoutVariable = spec.timeoutSetting();
            if (settings.get(timeoutVariable).isPresent()) {
                timeout = settings.seconds(timeoutVariable, 0);
                if (timeout.isZero()) {
                    throw new IllegalArgumentException(timeoutVariable + " must be more than 0 seconds");
                }
            }
        } catch (IllegalArgumentException e) {
            // Settings' messages name the variable and never hold a secret's value
            throw new CollectorException(spec.displayName() + " is misconfigured: " + e.getMessage(), e);
        }
        return new Upstream(spec, spec.displayName(), base, null, secret, timeout, null);
    }

    /**
     * An upstream at an address a user chose (a Mastodon instance named in a handle): no settings, no circuit
     * breaker, every request checked by {@code guard} and pinned to the address checked.
     */
    public static Upstream userChosen(UpstreamSpec spec, SsrfGuard guard, String displayName, URI baseUrl) {
        if (!spec.userChosen()) {
            throw new IllegalArgumentException(spec.name() + " is set by the operator: use of(settings, spec)");
        }
        return new Upstream(spec, displayName, withoutTrailingSlash(baseUrl), null, null, spec.timeout(), guard);
    }

    /**
     * The same upstream at another address its own data named (an RDAP server from the bootstrap files, IANA's
     * bootstrap file): with a circuit per server its calls pass through {@code name:host}.
     */
    public Upstream at(URI server, String serverDisplayName) {
        return new Upstream(spec, serverDisplayName, withoutTrailingSlash(server),
                server.getHost().toLowerCase(Locale.ROOT), key, timeout, guard);
    }

    /** One server of a non-HTTP upstream (a port-43 WHOIS server), by the name the collector knows it by. */
    public Upstream at(String host, String serverDisplayName) {
        return new Upstream(spec, serverDisplayName, baseUrl, host.toLowerCase(Locale.ROOT), key, timeout, guard);
    }

    /**
     * Starts one call that does not go through {@link UpstreamClient} (a port-43 exchange): waits for the rate
     * limit, then asks the circuit breaker; end the call with how it went.
     *
     * @throws dev.osint.core.RetryableCollectorException when the circuit is open ({@link FailureKind#CIRCUIT_OPEN})
     */
    public UpstreamHealth.Call begin(ScanContext context) throws InterruptedException {
        context.throttle(rateKey(), spec.rateLimit());
        return context.upstreams().begin(name(), circuit(), displayName);
    }

    private static URI parseBaseUrl(String variable, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new CollectorException(variable + " must be an http:// or https:// URL with a host");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new CollectorException(variable + " must not carry a query or fragment");
            }
            return withoutTrailingSlash(uri);
        } catch (URISyntaxException e) {
            // the value is not echoed: an operator may have put credentials in it
            throw new CollectorException(variable + " is not a valid URL (" + e.getReason() + ")");
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** The declaration this upstream was made from. */
    public UpstreamSpec spec() {
        return spec;
    }

    /**
     * The name people know the service by ({@code crt.sh}, {@code Shodan}); every error text starts with it. Null for
     * pages users chose, whose errors name each hop's host instead.
     */
    public String displayName() {
        return displayName;
    }

    /** The name its metrics and circuits go by ({@code crtsh}). */
    public String name() {
        return spec.name();
    }

    /** The circuit breaker its calls pass through ({@code crtsh}, {@code rdap:rdap.verisign.com}); null for none. */
    public String circuit() {
        return spec.circuitFor(serverName());
    }

    /** The rate-limit bucket its calls take permits from. */
    String rateKey() {
        return spec.rateKeyFor(serverName());
    }

    private String serverName() {
        if (server != null) {
            return server;
        }
        return baseUrl == null ? spec.name() : baseUrl.getHost().toLowerCase(Locale.ROOT);
    }

    /** The guard every request is checked by, for an address a user chose; null for an operator's upstream. */
    SsrfGuard guard() {
        return guard;
    }

    /** Where requests go, without a trailing slash. */
    public URI baseUrl() {
        if (baseUrl == null) {
            throw new CollectorException(displayName + " has no address: set " + spec.baseUrlSetting());
        }
        return baseUrl;
    }

    public String baseUrlVariable() {
        return spec.baseUrlSetting();
    }

    public String keyVariable() {
        return spec.keySetting();
    }

    /** The variable that sets the timeout, or null when users choose the address. */
    public String timeoutVariable() {
        return spec.timeoutSetting();
    }

    /** True for upstreams that take a key, whether or not it is set. */
    public boolean takesKey() {
        return spec.takesKey();
    }

    /** The key, when the operator set one. */
    public Optional<Secret> key() {
        return Optional.ofNullable(key);
    }

    /** The key, or a final {@link CollectorException} that says which variable to set and where to get a key. */
    public Secret requireKey() {
        if (key == null) {
            throw new CollectorException(displayName + " needs an API key: set " + keyVariable() + " (or "
                    + keyVariable() + "_FILE)" + (spec.keyHelp() == null ? "" : "; get a key at " + spec.keyHelp()));
        }
        return key;
    }

    /** The timeout of one call: {@code OSINT_<NAME>_TIMEOUT} when the operator set it, else the declared one. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code text} with the key's value masked; every error text built from upstream data goes through here. */
    public String redact(String text) {
        if (text == null || key == null) {
            return text;
        }
        String encoded = java.net.URLEncoder.encode(key.reveal(), java.nio.charset.StandardCharsets.UTF_8);
        return text.replace(key.reveal(), MASK).replace(encoded, MASK);
    }

    @Override
    public String toString() {
        String name = displayName == null ? spec.displayName() : displayName;
        if (baseUrl == null) {
            return name + (key == null ? "" : " (key set)");
        }
        // scheme, host and port only: an operator may have put credentials in the base URL
        String where = baseUrl.getScheme() + "://" + baseUrl.getHost()
                + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort());
        return name + " at " + where + (key == null ? "" : " (key set)");
    }
}
