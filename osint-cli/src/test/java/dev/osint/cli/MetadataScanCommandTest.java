package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.CollectorRegistry;
import dev.osint.core.Json;
import dev.osint.core.Settings;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Brokers;
import dev.osint.queue.memory.MemoryBroker;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.ScanService;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import dev.osint.server.ApiServer;
import dev.osint.server.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osint scan metadata FILE}: a local file read in this process, or uploaded to a server with --api. */
class MetadataScanCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        // logging starts before stdout is captured: its start-up notes must not land in the printed JSON
        org.slf4j.LoggerFactory.getILoggerFactory();
        Main.useSettings(new Settings(Map.of("OSINT_DATA_DIR", dir.toString())));
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

    private Path docx(String creator) throws Exception {
        Path file = dir.resolve("report.docx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types>wordprocessingml</Types>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("docProps/core.xml"));
            zip.write(("<coreProperties><creator>" + creator + "</creator></coreProperties>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private com.fasterxml.jackson.databind.JsonNode printed() {
        return Json.mapper().valueToTree(Json.read(out.toString(StandardCharsets.UTF_8), Map.class));
    }

    @Test
    void aLocalFileIsReadInThisProcess() throws Exception {
        Path file = docx("Alice Martin");
        assertThat(Main.run("scan", "metadata", file.toString(), "--json")).as(err.toString()).isZero();
        assertThat(printed().path("result").path("target").asText()).isEqualTo("report.docx");
        assertThat(printed().path("result").path("data").path("author").asText()).isEqualTo("Alice Martin");
    }

    @Test
    void aLocalFileIsUploadedToAServerWithApi() throws Exception {
        Path file = docx("Bob Stone");
        Settings settings = new Settings(Map.of());
        try (MemoryBroker broker = new MemoryBroker(BrokerSettings.DEFAULTS)) {
            ScanService scans = new ScanService(CollectorRegistry.load(), broker);
            Worker worker = new Worker(broker, scans.registry(), WorkerSettings.from(settings).withName("cli-test"),
                    ScanEnvironment.from(settings, Brokers.rateLimiterFor(broker)), Duration.ofSeconds(10)).start();
            try (ApiServer server = new ApiServer(ServerSettings.loopbackAnyPort(), scans, settings).start()) {
                int code = Main.run("scan", "metadata", file.toString(), "--api", "http://127.0.0.1:" + server.port(),
                        "--json");
                assertThat(code).as(err.toString()).isZero();
                assertThat(printed().path("result").path("data").path("author").asText()).isEqualTo("Bob Stone");
            } finally {
                worker.close();
            }
        }
    }

    @Test
    void aPathThatIsNoFileIsBadUsage() {
        assertThat(Main.run("scan", "metadata", dir.resolve("missing.jpg").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("neither a URL nor a file");
    }
}
