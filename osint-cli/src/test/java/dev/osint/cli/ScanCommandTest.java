package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.Json;
import dev.osint.core.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import dev.osint.core.Entity;
import dev.osint.core.TaskState;
import dev.osint.history.History;
import dev.osint.history.HistoryRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI as a user runs it, in this JVM, against a DNS server on loopback. */
class ScanCommandTest {
    private static LoopbackDnsServer dns;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startDns() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
        Main.useSettings(new Settings(Map.of("OSINT_DNS_RESOLVERS", dns.address(), "OSINT_DNS_TIMEOUT", "1",
                "OSINT_RETRY_BACKOFF", "0.05", "OSINT_TASK_MAX_RETRIES", "1", "OSINT_DATA_DIR", dataDir.toString())));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
        Main.useSettings(Settings.fromEnvironment());
    }

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void aScanPrintsItsResultAndExitsZero() {
        int code = Main.run("scan", "dns", "example.test", "--json");
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        var body = Json.mapper().valueToTree(Json.read(json, Map.class));
        assertThat(body.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(body.path("result").path("collector_name").asText()).isEqualTo("DNSCollector");
        assertThat(body.path("result").path("data").path("dns_records").toString()).contains("192.0.2.10");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SUCCESS");
    }

    @Test
    void aScanRunHereIsKeptInTheHistory() {
        assertThat(Main.run("scan", "dns", "example.test", "--json")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String taskId = Json.mapper().valueToTree(Json.read(out.toString(StandardCharsets.UTF_8), Map.class))
                .path("task_id").asText();
        try (History history = History.open(Main.settings())) {
            HistoryRecord record = history.store().find(taskId).orElseThrow(() ->
                    new AssertionError("scan " + taskId + " is not in the history"));
            assertThat(record.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(record.entities()).extracting(Entity::value).contains("192.0.2.10");
        }
        out.reset();
        assertThat(Main.run("entity", "192.0.2.10", "--json")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(taskId);
    }

    @Test
    void theHumanViewListsEntities() {
        assertThat(Main.run("scan", "dns", "example.test")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DNSCollector  example.test  found")
                .contains("mail_server").contains("mail.example.test");
    }

    @Test
    void badUsageExitsTwoWithAMessage() {
        assertThat(Main.run("scan", "nosuchtype", "example.test")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown collector type 'nosuchtype'");
        assertThat(Main.run("scan", "dns", "not a domain\r\n")).isEqualTo(Main.USAGE);
        assertThat(Main.run("scan", "dns")).isEqualTo(Main.USAGE);
        assertThat(Main.run("scan", "dns", "example.test", "-o", "nosuch=1")).isEqualTo(Main.USAGE);
        assertThat(Main.run("frobnicate")).isEqualTo(Main.USAGE);
    }

    @Test
    void aFailedScanExitsOne() {
        dns.silence(true);
        try {
            assertThat(Main.run("scan", "dns", "example.test")).isEqualTo(Main.SCAN_FAILED);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILURE").contains(dns.address());
        } finally {
            dns.silence(false);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"server", "worker", "scan", "collectors"}) {
            assertThat(Main.run(command, "--help")).isZero();
        }
        assertThat(Main.run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server").contains("worker").contains("scan");
    }

    @Test
    void collectorsAreListedWithTheirKeys() {
        assertThat(Main.run("collectors")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dns").contains("DNSCollector")
                .doesNotContain("PingTask");
    }

    @Test
    void collectorsListEachUpstreamAsItIsDeclared() {
        assertThat(Main.run("collectors")).isZero();
        String all = out.toString(StandardCharsets.UTF_8);
        String printed = all.substring(all.indexOf("UPSTREAM "));
        assertThat(printed.lines().filter(line -> line.startsWith("crtsh ")).toList()).singleElement().asString()
                .contains("OSINT_CRTSH_BASE_URL").contains("60 s").contains("30 a minute").contains("20 MiB")
                .contains("never followed");
        assertThat(printed.lines().filter(line -> line.startsWith("whois ")).toList()).singleElement().asString()
                .contains("OSINT_WHOIS_SERVER").contains("256 KiB, the rest cut")
                .contains("one per server (whois:<host>)").contains("referrals: up to 2");
        assertThat(printed.lines().filter(line -> line.startsWith("user_url ")).toList()).singleElement()
                .asString().contains("(the user's)").contains("up to 5, each checked by the SSRF guard");
    }

    @Test
    void optionsAreConvertedToTheirDeclaredTypeAndABadOneIsAUsageError() {
        assertThat(Main.run("scan", "dns", "example.test", "-o", "bruteforce=maybe")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("options.bruteforce: expected a true or false");
        assertThat(Main.run("scan", "dns", "example.test", "-o", "bruteforce_rate=fast")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("options.bruteforce_rate: expected a whole number");
        assertThat(Main.run("scan", "dns", "example.test", "-o", "bruteforce_rate=0")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("options.bruteforce_rate: must be from 1 to 100000");
        assertThat(Main.run("scan", "dns", "example.test", "-o", "wordlist=/etc/passwd")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("options.wordlist: must be one of [subdomains]");

        // text for a boolean option, and an operator-only option: the CLI running the scan here is the operator
        assertThat(Main.run("scan", "dns", "example.test", "-o", "zone_transfer=false", "-o", "bruteforce_rate=100"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void collectorsShowEachOptionsTypeDefaultBoundsAndAllowedValues() {
        assertThat(Main.run("collectors")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("-o bruteforce_rate=INTEGER")
                .contains("default 5000; 1 to 100000; operator only")
                .contains("-o wordlist=STRING").contains("one of subdomains")
                .contains("-o platforms=ARRAY");
    }

    @Test
    void aTaskIdFromTheServerNeverChoosesTheNextPath() throws Exception {
        java.util.List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            // a submit gets the hostile id; any later request a final state, so a broken check ends too
            byte[] body = (exchange.getRequestMethod().equals("POST")
                    ? "{\"task_id\": \"../../admin/purge?all=1\", \"status\": \"PENDING\"}"
                    : "{\"task_id\": \"x\", \"status\": \"FAILURE\", \"error\": \"x\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int code = Main.run("scan", "dns", "example.test", "--api",
                    "http://127.0.0.1:" + server.getAddress().getPort());

            assertThat(code).isEqualTo(Main.SCAN_FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered a task id that is not one");
            assertThat(paths).containsExactly("/api/v1/scan");
        } finally {
            server.stop(0);
        }
    }
}
