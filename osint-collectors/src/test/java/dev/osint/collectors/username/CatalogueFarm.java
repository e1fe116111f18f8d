package dev.osint.collectors.username;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.osint.collectors.username.Detection.Method;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One loopback HTTP server playing many catalogue sites, each as one catalogue's description says the real site
 * answers: a profile page for the names that exist there, and for any other name the "not found" answer that
 * description expects (a 404 or its {@code errorCode}, a 200 page holding its first absence string, a page
 * without its presence strings, a redirect to its {@code errorUrl}). Or, to see a check hold, a hostile site:
 * 200 for everything, a soft 404, a redirect home, a WAF page, a rate limit. Sites are reached the way
 * {@code OSINT_USERNAME_BASE_URL} asks them ({@code /{host}/{path}}), told apart by their request template.
 */
final class CatalogueFarm implements AutoCloseable {
    /** How a farm site answers. */
    enum Behaviour {
        /** As its description says: a profile for a claimed name, that description's "not found" otherwise. */
        AS_DESCRIBED,
        /** A profile-looking 200 page, presence strings and all, for any name. */
        ALWAYS_200,
        /** A 200 "page not found" page whose words no catalogue lists. */
        SOFT_404,
        /** A 302 to the site's home page, which answers 200. */
        REDIRECT_HOME,
        /** Cloudflare's challenge page, 403 with {@code cf-mitigated: challenge}. */
        WAF,
        /** 429 with {@code Retry-After: 0}, every time. */
        RATE_LIMIT
    }

    /**
     * One site of the farm.
     *
     * @param described the description the site answers by (one of the site's, or another catalogue's)
     * @param claimed   the names that exist on it
     */
    record FarmSite(Site site, Detection described, Set<String> claimed, Behaviour behaviour, int delayMs) {}

    private final HttpServer server;
    /** Routes by the host their template names, so a request meets a few patterns, not every site's. */
    private final java.util.Map<String, List<Route>> byHost = new java.util.HashMap<>();
    /** Routes whose host holds the name ({@code {username}.blogspot.com}): tried for every request. */
    private final List<Route> anyHost = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> unmatched = ConcurrentHashMap.newKeySet();

    private CatalogueFarm(HttpServer server, List<Route> routes) {
        this.server = server;
        for (Route route : routes) {
            if (route.host() == null) {
                anyHost.add(route);
            } else {
                byHost.computeIfAbsent(route.host(), h -> new ArrayList<>()).add(route);
            }
        }
    }

    static CatalogueFarm start(List<FarmSite> sites) throws IOException {
        List<Route> routes = new ArrayList<>();
        for (FarmSite site : sites) {
            routes.add(Route.of(site));
        }
        routes.sort(Comparator.comparingInt(Route::literalLength).reversed()); // the most specific template first
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        CatalogueFarm farm = new CatalogueFarm(server, routes);
        server.createContext("/", farm::answer);
        server.start();
        return farm;
    }

    /** What {@code OSINT_USERNAME_BASE_URL} should be set to. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    /** Requests no site of the farm recognised (a check asking something its catalogue does not describe). */
    Set<String> unmatched() {
        return unmatched;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestURI().getRawPath().substring(1)
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(requestBody, StandardCharsets.UTF_8);
            String host = target.split("[/?]", 2)[0];
            List<Route> candidates = new ArrayList<>(byHost.getOrDefault(host, List.of()));
            candidates.addAll(anyHost);
            for (Route route : candidates) {
                if (route.home(target)) {
                    send(exchange, 200, "<html><head><title>Home</title></head><body>Welcome</body></html>", null);
                    return;
                }
                String name = route.match(exchange.getRequestMethod(), target, body);
                if (name != null) {
                    sleep(route.site().delayMs());
                    route.respond(exchange, name);
                    return;
                }
            }
            unmatched.add(exchange.getRequestMethod() + " " + target);
            send(exchange, 404, "<html><head><title>Nothing here</title></head></html>", null);
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange exchange, int status, String body, String location) throws IOException {
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A farm site with the patterns that recognise its requests. */
    private record Route(FarmSite site, Pattern url, Pattern body, String host, String home, int literalLength) {
        static Route of(FarmSite farmSite) {
            Site site = farmSite.site();
            String template = strip(site.requestTemplate()).replaceFirst("#.*$", ""); // a fragment is not sent
            Pattern url = Pattern.compile(regex(template, "[^/?#&]*"));
            Pattern body = site.body() == null ? null : Pattern.compile(regex(site.body(), "[^\"&]*"), Pattern.DOTALL);
            String host = template.contains("/") ? template.substring(0, template.indexOf('/')) : template;
            host = host.contains("?") ? host.substring(0, host.indexOf('?')) : host;
            boolean named = host.contains(Site.PLACEHOLDER);
            return new Route(farmSite, url, body, named ? null : host, named ? null : host + "/",
                    template.replace(Site.PLACEHOLDER, "").length());
        }

        private static String strip(String url) {
            return url.replaceFirst("^[a-zA-Z]+://", "");
        }

        private static String regex(String template, String nameChars) {
            StringBuilder out = new StringBuilder();
            int from = 0;
            for (int at = template.indexOf(Site.PLACEHOLDER); at >= 0; at = template.indexOf(Site.PLACEHOLDER, from)) {
                out.append(Pattern.quote(template.substring(from, at))).append("(").append(nameChars).append(")");
                from = at + Site.PLACEHOLDER.length();
            }
            return out.append(Pattern.quote(template.substring(from))).toString();
        }

        boolean home(String target) {
            return home != null && target.equals(home) && site.behaviour() == Behaviour.REDIRECT_HOME;
        }

        /** The name asked about, or null when the request is not this site's. */
        String match(String method, String target, String requestBody) {
            if (!method.equalsIgnoreCase(site.site().method()) && !(method.equals("GET")
                    && site.site().method().equals("HEAD"))) {
                return null;
            }
            Matcher matcher = url.matcher(target);
            if (!matcher.matches()) {
                return null;
            }
            if (matcher.groupCount() > 0) {
                return URLDecoder.decode(matcher.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            }
            if (body == null) {
                return null;
            }
            Matcher inBody = body.matcher(requestBody);
            return inBody.matches() && inBody.groupCount() > 0
                    ? URLDecoder.decode(inBody.group(1).replace("+", "%2B"), StandardCharsets.UTF_8) : null;
        }

        void respond(HttpExchange exchange, String name) throws IOException {
            Detection described = site.described();
            boolean exists = site.claimed().stream().anyMatch(n -> n.equalsIgnoreCase(name));
            switch (site.behaviour()) {
                case ALWAYS_200 -> send(exchange, 200, profile(name, described, site.site()), null);
                case SOFT_404 -> send(exchange, 200, "<html><head><title>Page not found</title></head><body>Sorry,"
                        + " this page isn't available.</body></html>", null);
                case REDIRECT_HOME -> send(exchange, 302, "", "/" + home);
                case WAF -> {
                    exchange.getResponseHeaders().add("cf-mitigated", "challenge");
                    exchange.getResponseHeaders().add("Server", "cloudflare");
                    send(exchange, 403, "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                            + "<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script>"
                            + "</body></html>", null);
                }
                case RATE_LIMIT -> {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    send(exchange, 429, "<html><head><title>Too Many Requests</title></head></html>", null);
                }
                case AS_DESCRIBED -> {
                    if (exists) {
                        send(exchange, 200, profile(name, described, site.site()), null);
                    } else {
                        missing(exchange, described, name);
                    }
                }
            }
        }

        /** The "no such user" answer {@code described} expects. */
        private void missing(HttpExchange exchange, Detection described, String name) throws IOException {
            if (described.uses(Method.REDIRECT)) {
                send(exchange, 302, "", described.notFoundUrl() != null
                        ? NameTemplate.url(described.notFoundUrl(), name) : "/" + home);
            } else if (described.uses(Method.ABSENCE)) {
                send(exchange, 200, "<html><head><title>" + site.site().name() + "</title></head><body>"
                        + described.absenceStrings().get(0) + "</body></html>", null);
            } else if (!described.notFoundStatuses().isEmpty()) {
                send(exchange, described.notFoundStatuses().iterator().next(), "", null);
            } else if (described.uses(Method.STATUS)) {
                send(exchange, 404, "<html><head><title>Not Found</title></head></html>", null);
            } else {
                send(exchange, 200, "<html><head><title>" + site.site().name() + "</title></head><body>nothing"
                        + "</body></html>", null);
            }
        }

        /**
         * A profile page holding one of the description's presence strings (one that is not also a wall text of
         * the site); plain text when the site's "not found" texts include HTML a page would have.
         */
        private static String profile(String name, Detection described, Site site) {
            String marker = described.presenceStrings().stream()
                    .filter(p -> site.walls().keySet().stream().noneMatch(w -> w.contains(p) || p.contains(w)))
                    .findFirst().orElse("");
            String html = "<html><head><title>" + name + " on " + site.name() + "</title></head><body>"
                    + "<div class=\"profile\">" + name + " " + marker + "</div></body></html>";
            boolean clash = site.detections().stream().flatMap(d -> d.absenceStrings().stream()).anyMatch(html::contains);
            return clash ? name + " " + marker : html;
        }

        @Override
        public String toString() {
            return site.site().name().toLowerCase(Locale.ROOT);
        }
    }
}
