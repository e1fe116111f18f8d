package dev.osint.queue.testing;

import dev.osint.queue.BrokerSettings;
import dev.osint.queue.redis.RedisBroker;
import dev.osint.queue.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for tests: {@code REDIS_URL} when set, else {@code redis-server} from PATH started on a free
 * port, else the binary embedded-redis ships; one server per test JVM. Each test class gets a key prefix of its
 * own, emptied before each test, so classes never see each other's keys.
 *
 * <pre>{@code @RegisterExtension static final TestRedis redis = new TestRedis();}</pre>
 */
public final class TestRedis implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static String sharedUrl;
    private static RedisClient cleaner;
    private String prefix;

    /** The URL of the test JVM's Redis, starting the server on first use. */
    public static synchronized String url() {
        if (sharedUrl == null) {
            String given = System.getenv("REDIS_URL");
            if (given != null && !given.isBlank()) {
                sharedUrl = given;
            } else {
                RedisProcess server;
                Path dir;
                try {
                    dir = Files.createTempDirectory("osint-test-redis");
                    server = RedisProcess.start(dir, false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.stop();
                    deleteQuietly(dir);
                }));
                sharedUrl = server.url();
            }
            cleaner = RedisClient.create(sharedUrl);
        }
        return sharedUrl;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover log in the temporary directory harms nobody
        }
    }

    /**
     * A Redis under a prefix of its own for tests that are not JUnit Jupiter classes (jqwik properties), where the
     * extension's callbacks never run; {@link #deleteKeys()} cleans up.
     */
    public static TestRedis standalone(String name) {
        TestRedis redis = new TestRedis();
        redis.prefix = "test-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        url();
        return redis;
    }

    /** This test class's key prefix. */
    public String prefix() {
        return prefix;
    }

    public RedisSettings settings() {
        return new RedisSettings(url(), prefix, Duration.ofSeconds(5));
    }

    public RedisBroker newBroker(BrokerSettings settings) {
        return new RedisBroker(settings(), settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        prefix = "test-" + context.getRequiredTestClass().getSimpleName() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        url();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        deleteKeys();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        deleteKeys();
    }

    /** Deletes this class's keys; other classes' keys and data outside the prefix stay. */
    public void deleteKeys() {
        try (StatefulRedisConnection<String, String> connection = cleaner.connect()) {
            ScanIterator<String> scan = ScanIterator.scan(connection.sync(),
                    ScanArgs.Builder.matches("{" + prefix + "}:*").limit(1000));
            List<String> found = new ArrayList<>();
            scan.forEachRemaining(found::add);
            if (!found.isEmpty()) {
                connection.sync().unlink(found.toArray(String[]::new));
            }
        }
    }
}
