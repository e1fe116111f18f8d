package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.osint.core.Json;
import dev.osint.core.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osint sites import} and {@code osint sites check} as a maintainer runs them. */
class SitesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    @TempDir
    Path dir;

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
        Main.useSettings(Settings.fromEnvironment());
    }

    @Test
    void importWritesTheCatalogueWithItsSourceCommitAndLicence() throws Exception {
        Path data = dir.resolve("data.json");
        Files.writeString(data, """
                {"$schema": "data.schema.json",
                 "GitHub": {"errorType": "status_code", "url": "https://www.github.com/{}",
                            "urlMain": "https://www.github.com/", "username_claimed": "blue"},
                 "Jar": {"errorType": "message", "errorMsg": "no such user", "url": "https://jar.example/{}",
                         "urlMain": "https://jar.example/", "username_claimed": "blue",
                         "headers": {"Cookie": "session=someone-elses"}}}""");
        Path licence = dir.resolve("LICENSE");
        Files.writeString(licence, "MIT License\n\nCopyright (c) 2019 Sherlock Project\n");
        Path outDir = dir.resolve("out");

        int code = Main.run("sites", "import", "--from", "sherlock", data.toString(), "--licence", licence.toString(),
                "--commit", "4e2a4f6b66433849abe46cae76ed557c6c8313c8", "--date", "2026-05-04", "--out", outDir.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sherlock: 1 sites imported, 1 left out");
        JsonNode written = Json.mapper().readTree(outDir.resolve("sherlock.json").toFile());
        assertThat(written.path("source").path("commit").asText()).isEqualTo("4e2a4f6b66433849abe46cae76ed557c6c8313c8");
        assertThat(written.path("sites").get(0).path("name").asText()).isEqualTo("GitHub");
        assertThat(written.path("skipped").get(0).path("why").asText()).contains("credential header (Cookie)");
        assertThat(Files.readString(outDir.resolve("sherlock-LICENSE.txt"))).startsWith("MIT License");
        assertThat(Files.readString(outDir.resolve("NOTICE.txt"))).contains("4e2a4f6b66433849abe46cae76ed557c6c8313c8");

        assertThat(Main.run("sites", "import", "--from", "nosuch", data.toString(), "--licence", licence.toString(),
                "--commit", "abc1234", "--date", "2026-05-04", "--out", outDir.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from must be one of sherlock, maigret");
    }

    @Test
    void checkReportsTheWrongEntriesAndExitsOne() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean profile = path.equals("/good/blue") || path.startsWith("/always/");
            byte[] body = (profile ? "<html><title>profile</title></html>" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(profile ? 200 : 404, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path catalogue = dir.resolve("sites.json");
            Files.writeString(catalogue, "{\"format\": \"osint-username-sites/1\", \"sites\": ["
                    + "{\"name\": \"Good\", \"url\": \"" + base + "/good/{username}\", \"detect\": [\"status\"],"
                    + " \"username_claimed\": \"blue\"},"
                    + "{\"name\": \"Always\", \"url\": \"" + base + "/always/{username}\", \"detect\": [\"status\"],"
                    + " \"username_claimed\": \"blue\"}]}");
            Main.useSettings(new Settings(Map.of("OSINT_USERNAME_SITES", catalogue.toString())));

            int code = Main.run("sites", "check", "--json", "--concurrency", "4");

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Main.SCAN_FAILED);
            JsonNode report = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(report.path("sites_checked").asInt()).isEqualTo(2);
            assertThat(report.path("wrong").asInt()).isEqualTo(1);
            JsonNode always = report.path("sites").get(1);
            assertThat(always.path("site").asText()).isEqualTo("Always");
            assertThat(always.path("problem").asText()).contains("a random name");
            assertThat(report.path("sites").get(0).path("claimed").path("matched").path("status").asInt()).isEqualTo(200);

            out.reset();
            assertThat(Main.run("sites", "check", "--sites", "Good")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Good", "FOUND", "NOT_FOUND", "ok",
                    "1 sites checked, 0 wrong");
        } finally {
            server.stop(0);
        }
    }
}
