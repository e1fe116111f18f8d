package dev.osint.collectors.whois;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One IANA RDAP bootstrap file (RFC 9224): which RDAP servers serve which TLDs or address blocks.
 *
 * @param publication when IANA published it; null when the file does not say
 */
record RdapBootstrap(Instant publication, List<Service> services) {

    /** One {@code [[entries…], [urls…]]} pair: its entries (TLDs or CIDR blocks) and the HTTPS server chosen. */
    record Service(List<String> entries, URI server) {}

    RdapBootstrap {
        services = List.copyOf(services);
    }

    /**
     * Reads {@code {"description", "publication", "services": [[[entries], [urls]], …], "version"}}.
     *
     * @throws IllegalArgumentException when the JSON is not a bootstrap file
     */
    static RdapBootstrap parse(JsonNode file) {
        if (file == null || !file.path("services").isArray()) {
            throw new IllegalArgumentException("not an RDAP bootstrap file: no \"services\" array");
        }
        List<Service> services = new ArrayList<>();
        for (JsonNode service : file.path("services")) {
            if (!service.isArray() || service.size() < 2) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            for (JsonNode entry : service.get(0)) {
                entries.add(entry.asText("").toLowerCase(Locale.ROOT));
            }
            preferredServer(service.get(1)).ifPresent(server -> services.add(new Service(entries, server)));
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("not an RDAP bootstrap file: no service has an http(s) URL");
        }
        return new RdapBootstrap(publication(file.path("publication").asText("")), services);
    }

    /** RFC 9224 §4 lets a client pick among the URLs; HTTPS is preferred, plain HTTP only when it is all there is. */
    private static Optional<URI> preferredServer(JsonNode urls) {
        URI plain = null;
        for (JsonNode url : urls) {
            try {
                URI uri = URI.create(url.asText(""));
                if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
                if ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && plain == null) {
                    plain = uri;
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed URL in the list: the others may still do
            }
        }
        return Optional.ofNullable(plain);
    }

    private static Instant publication(String text) {
        try {
            return text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The server of the longest entry that ends {@code domain} (RFC 9224 §4: {@code co.uk} before {@code uk}). */
    Optional<URI> serverForDomain(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Service best = null;
        int bestLength = -1;
        for (Service service : services) {
            for (String entry : service.entries()) {
                boolean matches = name.equals(entry) || name.endsWith("." + entry);
                if (matches && entry.length() > bestLength) {
                    best = service;
                    bestLength = entry.length();
                }
            }
        }
        return Optional.ofNullable(best).map(Service::server);
    }

    /** The server of the longest block holding {@code address} (RFC 9224 §5). */
    Optional<URI> serverForAddress(InetAddress address) {
        byte[] bytes = address.getAddress();
        Service best = null;
        int bestPrefix = -1;
        for (Service service : services) {
            for (String entry : service.entries()) {
                int prefix = prefixHolding(entry, bytes);
                if (prefix > bestPrefix) {
                    best = service;
                    bestPrefix = prefix;
                }
            }
        }
        return Optional.ofNullable(best).map(Service::server);
    }

    /** The prefix length of {@code cidr} when it holds {@code address}, else -1 (also for a malformed entry). */
    private static int prefixHolding(String cidr, byte[] address) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return -1;
        }
        String network = cidr.substring(0, slash);
        if (!network.matches("[0-9a-f.:]+")) {
            return -1; // never a name: entries are literals, and a name would be looked up
        }
        try {
            byte[] block = InetAddress.getByName(network).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (block.length != address.length || bits < 0 || bits > block.length * 8) {
                return -1;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((block[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return -1;
                }
            }
            return bits;
        } catch (UnknownHostException | NumberFormatException e) {
            return -1;
        }
    }
}
