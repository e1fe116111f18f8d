import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A farm of username sites on one loopback port, routed by host name ({@code site-000.farm.test} …), for
 * bench/username/sherlock.sh: the same farm for this project's username scan and for Sherlock.
 *
 * <pre>java bench/username/Farm.java --sites 500 --out DIR [--seed 1]</pre>
 *
 * Writes {@code DIR/catalogue.json} (Sherlock's data.json format), {@code DIR/hosts} (every site name → 127.0.0.1,
 * for {@code -Djdk.net.hosts.file} and for Sherlock's resolver), {@code DIR/expected.json} (which sites hold an
 * account and which are the hostile ones), then {@code DIR/port} once it listens; serves until killed.
 *
 * <p>A username starting with {@code alice} exists on the account sites; any other exists nowhere. Ordinary sites
 * answer after a delay spread over 50–500 ms and read as a status code (404 when absent), a message (200 with a
 * "does not exist" page) or a redirect (302 to the home page), a third each; the account sits on every second one.
 * The hostile few: 3 slow sites (2 s, account present), 3 that answer 429 with {@code Retry-After: 1} to the first
 * request for a username and then normally (account present), 2 down (503 always), 2 behind a WAF (Cloudflare's
 * "Just a moment..." challenge, 403). {@code GET http://127.0.0.1:PORT/stats} counts what was served.
 */
public final class Farm {
    private enum Kind { STATUS, MESSAGE, REDIRECT, SLOW, RATE_LIMITED, DOWN, WAF }

    private record SiteDef(String name, String host, Kind kind, long delayMillis, boolean account) {}

    private static final String ABSENT_TEXT = "Sorry, this user does not exist";
    private static final String WAF_PAGE = "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
            + "</head><body><div class=\"main-wrapper\"><span id=\"challenge-error-text\">Enable JavaScript and cookies"
            + " to continue</span></div><script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\">"
            + "</script></body></html>";

    private final Map<String, SiteDef> byHost = new LinkedHashMap<>();
    private final Set<String> rateLimited = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    private int port;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int sites = Integer.parseInt(options.getOrDefault("sites", "500"));
        Path out = Path.of(options.getOrDefault("out", "."));
        new Farm().start(sites, new Random(Long.parseLong(options.getOrDefault("seed", "1"))), out);
    }

    private void start(int count, Random random, Path out) throws IOException {
        List<Kind> kinds = new ArrayList<>();
        kinds.addAll(Collections.nCopies(3, Kind.SLOW));
        kinds.addAll(Collections.nCopies(3, Kind.RATE_LIMITED));
        kinds.addAll(Collections.nCopies(2, Kind.DOWN));
        kinds.addAll(Collections.nCopies(2, Kind.WAF));
        int ordinary = Math.max(0, count - kinds.size());
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < ordinary; i++) {
            kinds.add(Kind.values()[i % 3]);
            delays.add(50 + (ordinary <= 1 ? 0 : 450L * i / (ordinary - 1)));
        }
        Collections.shuffle(delays, random);
        Collections.shuffle(kinds, random);
        int ordinarySeen = 0;
        for (int i = 0; i < kinds.size(); i++) {
            Kind kind = kinds.get(i);
            String host = String.format(Locale.ROOT, "site-%03d.farm.test", i);
            String name = String.format(Locale.ROOT, "Farm%03d", i);
            SiteDef site = switch (kind) {
                case SLOW -> new SiteDef(name, host, kind, 2000, true);
                case RATE_LIMITED -> new SiteDef(name, host, kind, 50, true);
                case DOWN, WAF -> new SiteDef(name, host, kind, 50, false);
                default -> new SiteDef(name, host, kind, delays.get(ordinarySeen), ordinarySeen++ % 2 == 0);
            };
            byHost.put(host, site);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        Files.createDirectories(out);
        Files.writeString(out.resolve("catalogue.json"), catalogue());
        StringBuilder hosts = new StringBuilder();
        byHost.keySet().forEach(host -> hosts.append("127.0.0.1 ").append(host).append('\n'));
        Files.writeString(out.resolve("hosts"), hosts);
        Files.writeString(out.resolve("expected.json"), expected());
        Files.writeString(out.resolve("port"), Integer.toString(port));
        System.out.printf("farm: %d sites on 127.0.0.1:%d (%s)%n", byHost.size(), port, out);
    }

    private String catalogue() {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (SiteDef site : byHost.values()) {
            String base = "http://" + site.host() + ":" + port + "/";
            json.append(i++ == 0 ? "" : ",\n").append("  \"").append(site.name()).append("\": {");
            switch (site.kind()) {
                case MESSAGE -> json.append("\"errorType\": \"message\", \"errorMsg\": \"").append(ABSENT_TEXT)
                        .append("\", ");
                case REDIRECT -> json.append("\"errorType\": \"response_url\", \"errorUrl\": \"").append(base)
                        .append("\", ");
                default -> json.append("\"errorType\": \"status_code\", ");
            }
            json.append("\"url\": \"").append(base).append("u/{}\", \"urlMain\": \"").append(base)
                    .append("\", \"username_claimed\": \"alice\"}");
        }
        return json.append("\n}\n").toString();
    }

    private String expected() {
        Map<Kind, List<String>> byKind = new LinkedHashMap<>();
        List<String> accounts = new ArrayList<>();
        for (SiteDef site : byHost.values()) {
            byKind.computeIfAbsent(site.kind(), k -> new ArrayList<>()).add(site.name());
            if (site.account()) {
                accounts.add(site.name());
            }
        }
        return "{\"accounts\": " + names(accounts) + ", \"slow\": " + names(byKind.get(Kind.SLOW))
                + ", \"rate_limited\": " + names(byKind.get(Kind.RATE_LIMITED)) + ", \"down\": "
                + names(byKind.get(Kind.DOWN)) + ", \"waf\": " + names(byKind.get(Kind.WAF)) + "}\n";
    }

    private static String names(List<String> names) {
        return names == null ? "[]" : "[\"" + String.join("\", \"", names) + "\"]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
            SiteDef site = byHost.get(host);
            String path = exchange.getRequestURI().getPath();
            if (site == null) {
                respond(exchange, path.equals("/stats") ? 200 : 404, stats(), "application/json", Map.of());
                return;
            }
            boolean profile = path.startsWith("/u/");
            boolean exists = profile && site.account() && path.substring(3).startsWith("alice");
            sleep(site.delayMillis());
            switch (site.kind()) {
                case DOWN -> answer(exchange, "503", 503, "<html><title>503 Service Unavailable</title></html>",
                        Map.of());
                case WAF -> answer(exchange, "waf", 403, WAF_PAGE, Map.of("cf-mitigated", "challenge"));
                case RATE_LIMITED -> {
                    if (profile && rateLimited.add(host + path)) {
                        answer(exchange, "429", 429, "<html><title>Too Many Requests</title></html>",
                                Map.of("Retry-After", "1"));
                    } else {
                        answer(exchange, exists ? "found" : "absent", exists ? 200 : 404, page(exists), Map.of());
                    }
                }
                case MESSAGE -> answer(exchange, exists ? "found" : "absent", 200, page(exists), Map.of());
                case REDIRECT -> {
                    if (exists || !profile) {
                        answer(exchange, exists ? "found" : "home", 200, page(exists), Map.of());
                    } else {
                        answer(exchange, "absent", 302, "", Map.of("Location", "http://" + site.host() + ":" + port
                                + "/"));
                    }
                }
                default -> answer(exchange, exists ? "found" : "absent", exists ? 200 : 404, page(exists), Map.of());
            }
        }
    }

    private static String page(boolean exists) {
        return exists ? "<html><head><title>alice's profile</title></head><body><h1>alice</h1></body></html>"
                : "<html><head><title>Page not found</title></head><body>" + ABSENT_TEXT + "</body></html>";
    }

    private void answer(HttpExchange exchange, String outcome, int status, String body, Map<String, String> headers)
            throws IOException {
        served.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        respond(exchange, status, body, "text/html; charset=utf-8", headers);
    }

    private static void respond(HttpExchange exchange, int status, String body, String type,
                                Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String stats() {
        StringBuilder json = new StringBuilder("{");
        served.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(v.get()));
        return json.append("}").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
