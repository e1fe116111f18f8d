package dev.osint.collectors.username;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * Many loopback "sites" behind one JDK HTTP server, told apart by the Host header ({@code site-007.farm.test}):
 * each answers after its own delay, as a profile, a 404, a soft-404 page or a redirect home. The names resolve to
 * 127.0.0.1 through the hosts file the benchmark hands the JVM ({@code -Djdk.net.hosts.file}).
 */
public final class SiteFarm implements AutoCloseable {
    static final String DOMAIN = "farm.test";
    private final HttpServer server;
    private final List<FarmSite> sites;

    private SiteFarm(HttpServer server, List<FarmSite> sites) {
        this.server = server;
        this.sites = sites;
    }

    /**
     * {@code count} sites answering in {@code minMs}..{@code maxMs} (spread evenly, shuffled with a fixed seed);
     * the user exists on every {@code foundEvery}-th site.
     */
    public static SiteFarm start(int count, int minMs, int maxMs, int foundEvery) throws IOException {
        List<FarmSite> sites = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            int delay = minMs + (int) ((long) (maxMs - minMs) * i / Math.max(1, count - 1));
            sites.add(new FarmSite(i, delay, i % foundEvery == 0));
        }
        java.util.Collections.shuffle(sites, random); // slow and fast sites mixed through the catalogue
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2048);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        SiteFarm farm = new SiteFarm(server, sites);
        server.createContext("/", farm::answer);
        server.start();
        return farm;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    static String host(int index) {
        return String.format(Locale.ROOT, "site-%03d.%s", index, DOMAIN);
    }

    /** The hosts file line for every site. */
    public String hostsFile() {
        StringBuilder lines = new StringBuilder();
        for (FarmSite site : sites) {
            lines.append("127.0.0.1 ").append(host(site.index())).append('\n');
        }
        return lines.toString();
    }

    /** A catalogue in the project's format: a third of the sites by status, a third by absence, a third by redirect. */
    public String catalogue() {
        List<String> entries = new ArrayList<>();
        for (FarmSite site : sites) {
            String detection = switch (site.index() % 3) {
                case 0 -> "\"detect\": [\"status\"]";
                case 1 -> "\"detect\": [\"absence\"], \"absence\": [\"This account does not exist\"]";
                default -> "\"detect\": [\"redirect\"]";
            };
            entries.add("{\"name\": \"" + host(site.index()) + "\", \"url\": \"http://" + host(site.index()) + ":"
                    + port() + "/u/{username}\", " + detection + ", \"tags\": [\"bench\"], \"rank\": "
                    + (site.index() + 1) + "}");
        }
        return "{\"format\": \"osint-username-sites/1\", \"sites\": [\n" + String.join(",\n", entries) + "\n]}\n";
    }

    public long expectedFound(String username) {
        return sites.stream().filter(FarmSite::hasUser).count();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            int index = host == null ? -1 : Integer.parseInt(host.substring(5, 8));
            FarmSite site = sites.stream().filter(s -> s.index() == index).findFirst().orElse(null);
            if (site == null) {
                exchange.sendResponseHeaders(421, -1);
                return;
            }
            Thread.sleep(site.delayMs());
            if (site.hasUser()) {
                send(exchange, 200, "<html><title>alice on " + host + "</title><body>profile</body></html>");
            } else if (index % 3 == 0) {
                send(exchange, 404, "<html><title>Not here</title></html>");
            } else if (index % 3 == 1) {
                send(exchange, 200, "<html><title>Oops</title><body>This account does not exist</body></html>");
            } else {
                exchange.getResponseHeaders().add("Location", "/");
                exchange.sendResponseHeaders(302, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record FarmSite(int index, int delayMs, boolean hasUser) {}
}
