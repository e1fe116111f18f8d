package dev.osint.history.testing;

import dev.osint.core.Settings;
import dev.osint.history.History;
import dev.osint.queue.Broker;
import dev.osint.queue.Brokers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An API process's history writer alone, in a JVM of its own, for tests that kill it:
 * {@code HistoryProcess <redis-url> <prefix> <database-url>}.
 */
public final class HistoryProcess {
    private HistoryProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Settings settings = new Settings(Map.of("REDIS_URL", args[0], "OSINT_REDIS_PREFIX", args[1],
                "OSINT_DATABASE_URL", args[2]));
        Broker broker = Brokers.open(settings);
        History.serve(settings, broker, Clock.systemUTC()).orElseThrow();
        Thread.currentThread().join();
    }

    /** Starts this main in a JVM of its own, on the test's class path, logging to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                HistoryProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
