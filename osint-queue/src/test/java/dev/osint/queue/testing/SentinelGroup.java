package dev.osint.queue.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Redis master, one replica and three sentinels watching them, all on free loopback ports: the smallest
 * group in which a failover can happen. Sentinels mark the master down after {@code downAfter} and may fail over
 * again after {@code failoverTimeout}, so a test sees a failover within seconds.
 */
public final class SentinelGroup implements AutoCloseable {
    public static final String MASTER_NAME = "osint";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final int masterPort = RedisProcess.freePort();
    private final int replicaPort = RedisProcess.freePort();
    private Process master;

    private SentinelGroup(Path dir) {
        this.dir = dir;
    }

    /**
     * The command that runs a sentinel: Debian's {@code redis-sentinel}, else {@code redis-server --sentinel}; empty
     * when neither is on PATH.
     */
    public static Optional<List<String>> sentinelCommand() {
        return onPath("redis-sentinel").map(List::of)
                .or(() -> onPath("redis-server").map(server -> List.of(server, "--sentinel")));
    }

    /** Starts the five processes and waits until the sentinels know the replica and each other. */
    public static SentinelGroup start(Path dir, Duration downAfter, Duration failoverTimeout) {
        SentinelGroup group = new SentinelGroup(dir);
        try {
            group.startAll(downAfter, failoverTimeout);
            return group;
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    private void startAll(Duration downAfter, Duration failoverTimeout) {
        String server = onPath("redis-server").orElseThrow(() -> new IllegalStateException("no redis-server"));
        master = launch("master", server, "--port", Integer.toString(masterPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory("master").toString(),
                "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
        awaitListening(masterPort);
        launch("replica", server, "--port", Integer.toString(replicaPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory("replica").toString(),
                "--replicaof", "127.0.0.1", Integer.toString(masterPort));
        awaitListening(replicaPort);
        for (int i = 1; i <= 3; i++) {
            int port = RedisProcess.freePort();
            Path config = directory("sentinel-" + i).resolve("sentinel.conf");
            write(config, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + config.getParent(),
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfter.toMillis(),
                    "sentinel failover-timeout " + MASTER_NAME + " " + failoverTimeout.toMillis(),
                    "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
            List<String> command = new ArrayList<>(sentinelCommand().orElseThrow());
            command.add(1, config.toString()); // the configuration file comes first, before --sentinel
            launch("sentinel-" + i, command.toArray(String[]::new));
            sentinelPorts.add(port);
            awaitListening(port);
        }
        awaitReady();
    }

    /** {@code redis-sentinel://…#osint}: what a deployment puts in {@code REDIS_URL}. */
    public String url() {
        StringBuilder hosts = new StringBuilder();
        for (int port : sentinelPorts) {
            hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
        }
        return "redis-sentinel://" + hosts + "/0#" + MASTER_NAME;
    }

    public int masterPort() {
        return masterPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** Kills the master at once (SIGKILL), as a crash or a lost machine would. */
    public void killMaster() throws InterruptedException {
        master.destroyForcibly().waitFor();
    }

    /** The port of the master as the first sentinel that answers sees it now. */
    public int currentMasterPort() {
        return withSentinel(sentinel -> ((InetSocketAddress) sentinel.sync().getMasterAddrByName(MASTER_NAME)).getPort());
    }

    /** Waits until every sentinel knows the replica and the two other sentinels: then a failover can happen. */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (sentinelPorts.stream().allMatch(this::sentinelReady)) {
                return;
            }
            pause(100);
        }
        throw new IllegalStateException("the sentinels did not discover the replica and each other within 30 s;"
                + " see the logs in " + dir);
    }

    private boolean sentinelReady(int port) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
            Map<String, String> master = sentinel.sync().master(MASTER_NAME);
            return "2".equals(master.get("num-other-sentinels")) && "1".equals(master.get("num-slaves"))
                    && sentinel.sync().replicas(MASTER_NAME).stream()
                    .anyMatch(replica -> !replica.getOrDefault("flags", "").contains("down")
                            && "ok".equals(replica.get("master-link-status")));
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private <T> T withSentinel(java.util.function.Function<StatefulRedisSentinelConnection<String, String>, T> ask) {
        RuntimeException last = null;
        for (int port : sentinelPorts) {
            RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
            try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
                return ask.apply(sentinel);
            } catch (RuntimeException e) {
                last = e;
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }
        throw new IllegalStateException("no sentinel answered", last);
    }

    private Process launch(String name, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + List.of(command), e);
        }
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                pause(20);
            }
        }
        throw new IllegalStateException("nothing listened on port " + port + " within 10 s; see the logs in " + dir);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Optional<String> onPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
