package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.Settings;
import dev.osint.queue.worker.WorkerSettings;
import dev.osint.server.ApiKeys;
import dev.osint.server.ApiServer;
import dev.osint.server.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `osint keys create`, and the commands that call the API sending OSINT_API_KEY, against a server with keys. */
class ApiKeyCliTest {
    private static final String KEY = ApiKeys.newKey();
    private static LoopbackDnsServer dns;
    private static OsintRuntime runtime;
    private static ApiServer server;
    private static Map<String, String> base;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeAll
    static void startServer() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
        base = Map.of("OSINT_DNS_RESOLVERS", dns.address(), "OSINT_DNS_TIMEOUT", "1");
        Settings serverSettings = new Settings(base).with(Map.of("OSINT_API_KEYS", "cli-test:" + KEY));
        runtime = new OsintRuntime(serverSettings).withWorker(WorkerSettings.from(serverSettings).withConcurrency(2));
        server = new ApiServer(ServerSettings.loopbackAnyPort(), runtime.scans, serverSettings).start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
        runtime.close();
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

    private static void settings(String... pairs) {
        Map<String, String> values = new HashMap<>(base);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        Main.useSettings(new Settings(values));
    }

    private String api() {
        return "http://127.0.0.1:" + server.port();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keysCreatePrintsANewKeyAndTheEntryToAdd() {
        assertThat(Main.run("keys", "create", "--name", "alice", "--admin")).isZero();
        String key = stdout().strip();
        assertThat(key).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(KEY);
        assertThat(stderr()).contains("id:      alice (admin)").contains("alice:" + key + ";admin")
                .contains("alice:" + ApiKeys.digestOf(key) + ";admin")
                .contains("OSINT_API_KEYS").contains("OSINT_API_KEYS_FILE").contains("OSINT_API_KEY");

        out.reset();
        err.reset();
        assertThat(Main.run("keys", "create")).isZero();
        String unnamed = stdout().strip();
        assertThat(stderr()).contains("id:      " + ApiKeys.idOf(unnamed)).contains(":\n           " + unnamed + "\n");
        assertThat(Main.run("keys", "create", "--name", "no spaces")).isEqualTo(Main.USAGE);
    }

    @Test
    void scanThroughTheApiSendsOsintApiKey() {
        settings("OSINT_API_KEY", KEY);
        assertThat(Main.run("scan", "dns", "example.test", "--api", api())).as(stderr()).isZero();
        assertThat(stdout()).contains("DNSCollector  example.test  found");
        assertThat(runtime.broker.active()).isEmpty();
    }

    @Test
    void scanThroughTheApiWithoutOrWithAWrongKeySaysWhatToSet() {
        settings();
        assertThat(Main.run("scan", "dns", "example.test", "--api", api())).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("the server needs an API key: set OSINT_API_KEY");

        err.reset();
        settings("OSINT_API_KEY", KEY + "x");
        assertThat(Main.run("scan", "dns", "example.test", "--api", api())).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("the server refused the key in OSINT_API_KEY").doesNotContain(KEY);
    }

    @Test
    void statusChecksTheApiAndTheKey() {
        settings("OSINT_API_KEY", KEY);
        assertThat(Main.run("status", "--api", api())).isZero();
        assertThat(stdout()).contains("ok         api key: accepted");

        out.reset();
        settings();
        assertThat(Main.run("status", "--api", api())).isEqualTo(Main.SCAN_FAILED);
        assertThat(stdout()).contains("PROBLEM    api key: the server needs an API key: set OSINT_API_KEY");
    }

    @Test
    void theServerRefusesToServeOtherMachinesWithoutKeys() {
        settings();
        assertThat(Main.run("server", "--host", "0.0.0.0", "--port", "0", "--workers", "0")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("OSINT_HOST=0.0.0.0 lets other machines reach the API")
                .contains("Set OSINT_API_KEYS").contains("OSINT_ALLOW_ANONYMOUS=true");
    }
}
