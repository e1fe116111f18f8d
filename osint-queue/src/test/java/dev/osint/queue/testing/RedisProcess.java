package dev.osint.queue.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server child process on a port of its own, which a test may stop and start again on the same port
 * and data directory: Debian's {@code redis-server} when it is on PATH, else the binary embedded-redis ships.
 */
public final class RedisProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private final List<String> options;
    private Process process;

    private RedisProcess(int port, Path dir, boolean appendOnly, List<String> options) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
        this.options = options;
    }

    /** Starts a server on a free loopback port, keeping its data (and, if asked, an append-only log) in {@code dir}. */
    public static RedisProcess start(Path dir, boolean appendOnly) {
        return start(dir, appendOnly, List.of());
    }

    /** {@link #start(Path, boolean)} with more command-line options ({@code --name value} pairs). */
    public static RedisProcess start(Path dir, boolean appendOnly, List<String> options) {
        RedisProcess redis = new RedisProcess(freePort(), dir, appendOnly, List.copyOf(options));
        redis.start();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(executable(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no",
                "--appendonly", appendOnly ? "yes" : "no"));
        command.addAll(options);
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        awaitListening();
    }

    /** Stops the server the way an operator would (SIGTERM): Redis flushes its append-only log first. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start; see " + dir.resolve("redis.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleepBriefly();
            }
        }
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code redis-server} from PATH, else the embedded-redis binary (extracted to a temporary file). */
    static String executable() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        try {
            return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("no redis-server on PATH and the embedded one cannot be extracted", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
