package dev.osint.collectors.whois;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;

/**
 * One RDAP query: finds the server (the bootstrap files, or {@code OSINT_RDAP_BASE_URL} for every query) and asks
 * it for {@code /domain/{name}} or {@code /ip/{address}}. Errors follow {@link UpstreamClient}: 429 and 5xx are
 * retryable, other failures final.
 */
final class RdapLookup {
    static final String BASE_URL_SETTING = "OSINT_RDAP_BASE_URL";

    /** What the server said: the object and its JSON, or (404) that nothing is registered under the name. */
    record Answer(boolean registered, RegistrationRecord record, String raw, String server, String errorText) {}

    private static final java.util.regex.Pattern IP_PATH =
            java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");

    private RdapLookup() {}

    /** The RDAP server for the target; empty when no bootstrap file lists one (the caller falls back to WHOIS). */
    static Optional<URI> serverFor(ScanContext context, TargetKind kind, String value, Clock clock)
            throws InterruptedException {
        Optional<String> override = context.settings().get(BASE_URL_SETTING);
        if (override.isPresent()) {
            try {
                return Optional.of(URI.create(override.get()));
            } catch (IllegalArgumentException e) {
                throw new CollectorException(BASE_URL_SETTING + " is not a valid URL");
            }
        }
        if (kind == TargetKind.DOMAIN) {
            return RdapBootstraps.dns(context, clock).serverForDomain(value);
        }
        InetAddress address = address(value);
        RdapBootstrap file = address.getAddress().length == 4 ? RdapBootstraps.ipv4() : RdapBootstraps.ipv6();
        return file.serverForAddress(address);
    }

    /**
     * An address or CIDR as RFC 9082 puts it in the path ({@code 192.0.2.0/24}, {@code 2001:db8::/32}): the
     * parsed target holds only hex digits, '.', ':' and one '/' before the prefix length, nothing that could step
     * out of the path; anything else is refused, not sent.
     */
    static String ipPath(String value) {
        if (!IP_PATH.matcher(value).matches() || value.contains("..")) {
            throw new CollectorException("'" + value + "' is not an IP address or CIDR block for an RDAP path");
        }
        return value;
    }

    /** Asks {@code server} about the target; a final or retryable {@code CollectorException} when it fails. */
    static Answer ask(ScanContext context, URI server, TargetKind kind, String value) throws InterruptedException {
        Upstream upstream = Upstream.of(context.settings(), WhoisCollector.RDAP)
                .at(server, "RDAP server " + server.getHost());
        String path = kind == TargetKind.DOMAIN ? "/domain/" + UpstreamClient.segment(value) : "/ip/" + ipPath(value);
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, upstream).get(path)
                .header("Accept", "application/rdap+json, application/json")
                .json();
        String name = upstream.baseUrl().getHost();
        if (answer.isNotFound()) {
            return new Answer(false, null, null, name, answer.errorText());
        }
        JsonNode body = answer.body();
        if (body.path("errorCode").asInt(0) == 404) {
            // a few servers answer 200 with an RFC 9083 §6 error object
            return new Answer(false, null, null, name, body.toString());
        }
        RegistrationRecord record = RdapParser.parse(body, kind != TargetKind.DOMAIN, upstream.displayName());
        return new Answer(true, record, body.toString(), name, null);
    }

    /** The address of an IP or CIDR target (already validated as a literal: never looked up). */
    static InetAddress address(String value) {
        String literal = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
