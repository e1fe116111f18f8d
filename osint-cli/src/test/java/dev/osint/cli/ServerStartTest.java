package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code osint server} does on its way to its first answer, in a JVM of its own. */
class ServerStartTest {
    private static final Pattern LISTENING = Pattern.compile("osint API on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    /**
     * BigDecimal's class initialisation (JDK 25) took ~50 ms of a start, and Flyway's configuration about as much:
     * nothing before the first answer needs either (the history's schema is migrated on its first use).
     */
    @Test
    void theFirstAnswerNeedsNoBigDecimalNorFlyway() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xlog:class+init=info:stdout", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "server", "--port", "0")
                .redirectErrorStream(true);
        builder.environment().put("OSINT_DATA_DIR", dir.toString());
        builder.environment().remove("REDIS_URL");
        Process server = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> port = new CompletableFuture<>();
        // read all the time: a JVM whose output pipe is full stops where it writes
        Thread.ofPlatform().daemon().start(() -> read(server, output, port));
        String untilTheAnswer;
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.get(120, TimeUnit.SECONDS) + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            untilTheAnswer = output.toString();
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(untilTheAnswer).contains("osint API on").doesNotContain("'java/math/BigDecimal'")
                .doesNotContain("'org/flywaydb/core/Flyway'");
    }

    private static void read(Process server, StringBuffer output, CompletableFuture<String> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(listening.group(1));
                }
            }
            port.completeExceptionally(new IllegalStateException("the server ended:\n" + output));
        } catch (IOException e) {
            port.completeExceptionally(new UncheckedIOException(e));
        }
    }
}
