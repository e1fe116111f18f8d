package dev.osint.server;

import dev.osint.core.CollectorRegistry;
import dev.osint.core.Settings;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.PingCollector;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.redis.RedisSettings;
import dev.osint.queue.ScanService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An API server in a JVM of its own on Redis, for tests that need a second API process:
 * {@code ApiProcess <redis-url> <prefix>}. Serves the built-in {@code ping} type on a free loopback port, which it
 * prints as {@code port=N}.
 */
public final class ApiProcess {
    private ApiProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Settings settings = new Settings(Map.of("REDIS_URL", args[0], "OSINT_REDIS_PREFIX", args[1]));
        RedisBroker broker = new RedisBroker(RedisSettings.from(settings).orElseThrow(), BrokerSettings.from(settings));
        ScanService scans = new ScanService(new CollectorRegistry(List.of(new PingCollector())), broker);
        ApiServer server = new ApiServer(ServerSettings.loopbackAnyPort(), scans, settings).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            broker.close();
        }));
        System.out.println("port=" + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts this main in a JVM of its own on the test's class path and answers its port once it listens. */
    public static Started start(Path log, String redisUrl, String prefix) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ApiProcess.class.getName(), redisUrl, prefix));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("port=")) {
                        return Integer.parseInt(line.substring(5));
                    }
                }
                throw new IllegalStateException("the API process ended without listening; see " + log);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return new Started(process, port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the API process did not start within 60 s; see " + log, e);
        }
    }

    /** A running API process and the port it listens on. */
    public record Started(Process process, int port) {
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
