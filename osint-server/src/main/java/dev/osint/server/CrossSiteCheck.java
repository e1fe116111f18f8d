package dev.osint.server;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Refuses cross-site request forgery against callers authenticated by the session cookie, which a browser would
 * attach to a request another site makes it send. A request that changes something must carry a header a page of
 * another site cannot set without the server's leave ({@code X-Requested-With}; this API grants no CORS), and its
 * {@code Origin} (else its {@code Referer}), when the browser sends one, must name this server's own host. Requests
 * with an API key in a header need neither: no browser adds that header by itself.
 */
final class CrossSiteCheck {
    static final String REQUIRED_HEADER = "X-Requested-With";

    private CrossSiteCheck() {}

    /** @throws ProblemException a 403 naming the rule the request broke */
    static void check(Context ctx) {
        String requestedWith = ctx.header(REQUIRED_HEADER);
        if (requestedWith == null || requestedWith.isBlank()) {
            throw refused("a request that changes something and is sent with the session cookie must carry the"
                    + " header " + REQUIRED_HEADER + " (the dashboard sends it); other clients send the API key"
                    + " as 'Authorization: Bearer KEY' instead");
        }
        String origin = ctx.header("Origin");
        String which = "Origin";
        if (origin == null) {
            origin = ctx.header("Referer");
            which = "Referer";
        }
        if (origin != null && !sameHost(origin, ctx)) {
            // the page's address is not quoted back: it may carry what its site keeps private
            throw refused("the request's " + which + " is not this server: a page of another site cannot act with"
                    + " the dashboard's session");
        }
    }

    /** Whether the origin's host and port are those the request was sent to (its Host, or a proxy's X-Forwarded-Host). */
    private static boolean sameHost(String origin, Context ctx) {
        URI from = parse(origin);
        if (from == null || from.getScheme() == null || from.getHost() == null) {
            return false; // "null" (a sandboxed or privacy-protected page) or not an address at all
        }
        // the scheme is not compared: behind a TLS proxy the page is https and the request that reaches us is not
        String scheme = from.getScheme().toLowerCase(Locale.ROOT);
        String forwarded = ctx.header("X-Forwarded-Host");
        return sameHost(from, parse("//" + ctx.header("Host")), scheme)
                || (forwarded != null && sameHost(from, parse("//" + forwarded.split(",")[0].strip()), scheme));
    }

    private static boolean sameHost(URI origin, URI server, String scheme) {
        return server != null && server.getHost() != null && origin.getHost().equalsIgnoreCase(server.getHost())
                && port(origin, scheme) == port(server, scheme);
    }

    private static int port(URI address, String scheme) {
        return address.getPort() != -1 ? address.getPort() : scheme.equals("https") ? 443 : 80;
    }

    private static URI parse(String address) {
        try {
            return new URI(address);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(new Problem(Problem.CROSS_SITE_REQUEST, "Forbidden", 403, detail, null));
    }
}
