package dev.osint.collectors.identity;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** URL comparison as people mean it: scheme, {@code www.}, case of the host and a trailing slash do not matter. */
final class Urls {
    private Urls() {}

    /** {@code host/path} in lower case, without {@code www.}, query or trailing slash; empty when not http(s). */
    static Optional<String> comparable(String url) {
        return parse(url).map(uri -> host(uri) + path(uri).toLowerCase(Locale.ROOT));
    }

    static Optional<URI> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The host in lower case, without {@code www.}. */
    static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The path without trailing slashes; empty for a home page. */
    static String path(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
