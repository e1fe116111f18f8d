package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import dev.osint.core.SecretSpec;
import dev.osint.core.Secret;
import dev.osint.core.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A named upstream service and its operator settings: {@code OSINT_<PREFIX>_BASE_URL} (defaults to the real
 * service), {@code OSINT_<PREFIX>_API_KEY} or {@code OSINT_<PREFIX>_API_KEY_FILE}, and {@code OSINT_<PREFIX>_TIMEOUT}
 * (seconds). Addresses set here are trusted as they are: the operator chose them. Its answers are counted under
 * {@link #name()} and pass through the circuit breaker {@link #circuit()} of the process (see
 * {@link UpstreamBreakers}); an upstream whose address a user chose goes through an {@link SsrfGuard} instead.
 */
public final class Upstream {
    private static final String MASK = "****";

    private final String displayName;
    private final String prefix;
    private final URI baseUrl;
    private final Secret key;
    private final String keyHelp;
    private final Duration configuredTimeout;
    private final String circuit;
    private final SsrfGuard guard;

    private Upstream(String displayName, String prefix, URI baseUrl, Secret key, String keyHelp,
                     Duration configuredTimeout, String circuit, SsrfGuard guard) {
        this.displayName = displayName;
        this.prefix = prefix;
        this.baseUrl = baseUrl;
        this.key = key;
        this.keyHelp = keyHelp;
        this.configuredTimeout = configuredTimeout;
        this.circuit = circuit;
        this.guard = guard;
    }

    /**
     * An upstream at an address a user chose (a Mastodon instance named in a handle): no settings, no circuit
     * breaker (a user could name endless hosts), every request checked by {@code guard} and pinned to the address
     * checked; its answers are counted under {@code name}.
     */
    public static Upstream userChosen(SsrfGuard guard, String displayName, String name, URI baseUrl) {
        String text = baseUrl.toString();
        URI base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        return new Upstream(displayName, name.toUpperCase(Locale.ROOT), base, null, null, null, null, guard);
    }

    /** This upstream with a circuit of its own per server ({@code rdap:rdap.verisign.com}), for services with many. */
    public Upstream circuitPerServer() {
        return new Upstream(displayName, prefix, baseUrl, key, keyHelp, configuredTimeout,
                name() + ":" + baseUrl.getHost().toLowerCase(Locale.ROOT), guard);
    }

    /** The declaration a {@link dev.osint.core.CollectorSpec} lists: {@code spec("CRTSH", "crt.sh")}. */
    public static dev.osint.core.UpstreamSpec spec(String prefix, String displayName) {
        return new dev.osint.core.UpstreamSpec(prefix.toLowerCase(Locale.ROOT), displayName);
    }

    /** An upstream that needs no key, such as crt.sh. */
    public static Upstream keyless(Settings settings, String displayName, String prefix, String defaultBaseUrl) {
        return read(settings, displayName, prefix, defaultBaseUrl, null);
    }

    /**
     * An upstream that takes an API key; a missing key is only an error once {@link #requireKey()} is called,
     * so collectors whose key is optional can still run without one.
     *
     * @param keyHelp where a user gets a key (a URL), quoted in the error for a missing key
     */
    public static Upstream withKey(Settings settings, String displayName, String prefix, String defaultBaseUrl,
                                   String keyHelp) {
        return read(settings, displayName, prefix, defaultBaseUrl, keyHelp);
    }

    private static Upstream read(Settings settings, String displayName, String prefix, String defaultBaseUrl,
                                 String keyHelp) {
        String normalisedPrefix = prefix.toUpperCase(Locale.ROOT);
        String baseVariable = "OSINT_" + normalisedPrefix + "_BASE_URL";
        URI base = parseBaseUrl(baseVariable, settings.get(baseVariable, defaultBaseUrl));
        Secret secret = null;
        Duration timeout = null;
        try {
            if (keyHelp != null) {
                secret = settings.secret(keyVariable(normalisedPrefix)).orElse(null);
            }
            String timeoutVariable = timeoutVariable(normalisedPrefix);
            if (settings.get(timeoutVariable).isPresent()) {
                timeout = settings.seconds(timeoutVariable, 0);
                if (timeout.isZero()) {
                    throw new IllegalArgumentException(timeoutVariable + " must be more than 0 seconds");
                }
            }
        } catch (IllegalArgumentException e) {
            // Settings' messages name the variable and never hold a secret's value
            throw new CollectorException(displayName + " is misconfigured: " + e.getMessage(), e);
        }
        String name = normalisedPrefix.toLowerCase(Locale.ROOT);
        return new Upstream(displayName, normalisedPrefix, base, secret, keyHelp, timeout, name, null);
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
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            // the value is not echoed: an operator may have put credentials in it
            throw new CollectorException(variable + " is not a valid URL (" + e.getReason() + ")");
        }
    }

    private static String timeoutVariable(String prefix) {
        return "OSINT_" + prefix + "_TIMEOUT";
    }

    private static String keyVariable(String prefix) {
        return "OSINT_" + prefix + "_API_KEY";
    }

    /** The name people know the service by ({@code crt.sh}, {@code Shodan}); every error text starts with it. */
    public String displayName() {
        return displayName;
    }

    /** The settings prefix ({@code CRTSH} in {@code OSINT_CRTSH_BASE_URL}). */
    public String prefix() {
        return prefix;
    }

    /** The name its metrics and circuits go by: the prefix in lower case ({@code crtsh}). */
    public String name() {
        return prefix.toLowerCase(Locale.ROOT);
    }

    /** The circuit breaker its calls pass through; null for none. */
    public String circuit() {
        return circuit;
    }

    /** The guard every request is checked by, for an address a user chose; null for an operator's upstream. */
    SsrfGuard guard() {
        return guard;
    }

    /** Where requests go, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    public String baseUrlVariable() {
        return "OSINT_" + prefix + "_BASE_URL";
    }

    public String keyVariable() {
        return keyVariable(prefix);
    }

    public String timeoutVariable() {
        return timeoutVariable(prefix);
    }

    /** True for upstreams built with {@link #withKey}, whether or not the key is set. */
    public boolean takesKey() {
        return keyHelp != null;
    }

    /** The key, when the operator set one. */
    public Optional<Secret> key() {
        return Optional.ofNullable(key);
    }

    /** The key, or a final {@link CollectorException} that says which variable to set and where to get a key. */
    public Secret requireKey() {
        if (key == null) {
            throw new CollectorException(displayName + " needs an API key: set " + keyVariable() + " (or "
                    + keyVariable() + "_FILE)" + (keyHelp == null ? "" : "; get a key at " + keyHelp));
        }
        return key;
    }

    /** The secret as a collector declares it in its {@link dev.osint.core.CollectorSpec}. */
    public SecretSpec secretSpec(boolean required) {
        return new SecretSpec(keyVariable(), required, keyHelp == null ? "" : keyHelp);
    }

    /** The key as a {@link dev.osint.core.CollectorSpec} declares it, before any settings are read. */
    public static SecretSpec keySpec(String prefix, boolean required, String keyHelp) {
        return new SecretSpec(keyVariable(prefix.toUpperCase(Locale.ROOT)), required, keyHelp);
    }

    /** {@code OSINT_<PREFIX>_TIMEOUT} when the operator set it, which wins over a collector's own default. */
    public Optional<Duration> configuredTimeout() {
        return Optional.ofNullable(configuredTimeout);
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
        // scheme, host and port only: an operator may have put credentials in the base URL
        String where = baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort());
        return displayName + " at " + where + (key == null ? "" : " (key set)");
    }
}
