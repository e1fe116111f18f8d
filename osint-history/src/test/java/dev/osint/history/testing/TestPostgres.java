package dev.osint.history.testing;

import dev.osint.core.Settings;
import dev.osint.history.HistorySettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for tests: {@code OSINT_TEST_DATABASE_URL} (a {@code postgresql://} URL to a server whose user
 * may create databases) when set, else a cluster of the installed server ({@code initdb} on PATH or under
 * {@code /usr/lib/postgresql/N/bin}) made in a temporary directory and started on a free loopback port, once per
 * test JVM. Each test class gets a database of its own. Without PostgreSQL the tests are skipped, saying so.
 *
 * <pre>{@code @RegisterExtension static final TestPostgres postgres = new TestPostgres();}</pre>
 */
public final class TestPostgres implements BeforeAllCallback {
    private static final String USER = "osint";
    private static String serverUrl;
    private static String unavailable;
    private String database;

    /** {@code postgresql://user@host:port} of the test JVM's server, starting it on first use. */
    public static synchronized Optional<String> server() {
        if (serverUrl == null && unavailable == null) {
            String given = System.getenv("OSINT_TEST_DATABASE_URL");
            if (given != null && !given.isBlank()) {
                serverUrl = given.replaceAll("/[^/@:]*$", "");
            } else {
                try {
                    serverUrl = startCluster();
                } catch (Unavailable e) {
                    unavailable = e.getMessage();
                }
            }
        }
        return Optional.ofNullable(serverUrl);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<String> server = server();
        if (server.isEmpty()) {
            System.err.println("SKIPPED " + context.getRequiredTestClass().getSimpleName() + ": " + unavailable);
        }
        Assumptions.assumeTrue(server.isPresent(), () -> unavailable);
        database = "test_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(jdbc(server.get() + "/postgres"), USER, null);
             Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
    }

    /** This test class's database as {@code OSINT_DATABASE_URL}. */
    public String url() {
        return serverUrl + "/" + database;
    }

    public HistorySettings settings() {
        return HistorySettings.from(new Settings(Map.of("OSINT_DATABASE_URL", url(),
                "OSINT_DATA_DIR", System.getProperty("java.io.tmpdir"))));
    }

    /** Empties the history's tables (a store must have migrated them). */
    /** A connection to this test class's database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbc(url()), USER, null);
    }

    public void wipe() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbc(url()), USER, null);
             Statement delete = connection.createStatement()) {
            delete.execute("TRUNCATE scans, scan_entities");
        }
    }

    /** A database outage as clients see it: open connections are cut and new ones refused, until {@link #up}. */
    public void down() throws SQLException {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    public void up() throws SQLException {
        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    private void admin(String... statements) throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbc(serverUrl + "/postgres"), USER, null);
             Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String jdbc(String url) {
        return "jdbc:" + url.replaceFirst("^postgres(ql)?://[^@/]*@", "postgresql://");
    }

    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static String startCluster() throws Unavailable {
        Path bin = binaries().orElseThrow(() -> new Unavailable("PostgreSQL is not installed (no initdb on PATH or"
                + " under /usr/lib/postgresql/*/bin); install it (apt-get install postgresql) or set"
                + " OSINT_TEST_DATABASE_URL"));
        try {
            Path dir = Files.createTempDirectory("osint-test-pg");
            Optional<String> runAs = runAsUser(dir);
            int port = freePort();
            Path data = dir.resolve("data");
            run(runAs, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER,
                    "-E", "UTF8", "--no-sync", "--locale=C"), dir);
            run(runAs, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"), dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(runAs, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                            "stop"), dir);
                } catch (Unavailable | RuntimeException e) {
                    // the JVM is going away; the temporary directory goes with the machine
                }
                deleteQuietly(dir);
            }));
            return "postgresql://" + USER + "@127.0.0.1:" + port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> binaries() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path initdb = Path.of(entry, "initdb");
            if (Files.isExecutable(initdb)) {
                try {
                    return Optional.of(initdb.toRealPath().getParent());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** initdb refuses to run as root: then the cluster belongs to the postgres user, run through runuser. */
    private static Optional<String> runAsUser(Path dir) throws IOException, Unavailable {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        UserPrincipal postgres;
        try {
            postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (IOException e) {
            throw new Unavailable("running as root, and there is no postgres user to run PostgreSQL as");
        }
        Files.setOwner(dir, postgres);
        return Optional.of("postgres");
    }

    private static void run(Optional<String> runAs, List<String> command, Path dir) throws Unavailable {
        List<String> full = new ArrayList<>();
        runAs.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("commands.log").toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                String log = Files.readString(dir.resolve("commands.log"));
                throw new IllegalStateException(String.join(" ", full) + " failed: " + log);
            }
        } catch (IOException e) {
            throw new Unavailable("cannot run " + full.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while starting PostgreSQL");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers in a temporary directory harm nobody
        }
    }
}
