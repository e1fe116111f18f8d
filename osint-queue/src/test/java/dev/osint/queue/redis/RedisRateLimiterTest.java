package dev.osint.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.RateLimit;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Brokers;
import dev.osint.queue.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two limiters with connections of their own, as two worker processes have, sharing one bucket in Redis. */
class RedisRateLimiterTest {
    @RegisterExtension
    static final TestRedis redis = new TestRedis();

    private final List<RedisBroker> brokers = new ArrayList<>();
    private final List<RedisRateLimiter> limiters = new ArrayList<>();

    @BeforeEach
    void twoProcesses() {
        for (int i = 0; i < 2; i++) {
            RedisBroker broker = redis.newBroker(BrokerSettings.DEFAULTS);
            brokers.add(broker);
            limiters.add((RedisRateLimiter) Brokers.rateLimiterFor(broker));
        }
    }

    @AfterEach
    void close() {
        brokers.forEach(RedisBroker::close);
    }

    @Test
    void twoLimitersTogetherGrantNoMoreThanTheBucketHolds() throws Exception {
        // a refill of one permit per 12 s: the test ends long before the bucket could grant a sixth
        RateLimit fivePerMinute = RateLimit.perMinute(5);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> askers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RedisRateLimiter limiter = limiters.get(i % 2);
            askers.add(pool.submit(() -> {
                for (int n = 0; n < 5; n++) {
                    if (limiter.tryAcquire("whois", fivePerMinute).isZero()) {
                        granted.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> asker : askers) {
            asker.get();
        }
        pool.shutdown();
        assertThat(granted).hasValue(5);
        assertThat(limiters.get(0).tryAcquire("whois", fivePerMinute)).as("wait for the next permit")
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
        assertThat(limiters.get(1).tryAcquire("shodan", fivePerMinute)).as("another key, another bucket").isZero();
    }

    @Test
    void blockingAcquiresAcrossLimitersNeverExceedTheRate() throws Exception {
        RateLimit tenPerSecond = RateLimit.perSecond(10);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> askers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RedisRateLimiter limiter = limiters.get(i % 2);
            askers.add(pool.submit(() -> {
                for (int n = 0; n < 8; n++) {
                    limiter.acquire("crtsh", tenPerSecond);
                    grants.add(System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> asker : askers) {
            asker.get();
        }
        pool.shutdown();
        // a bucket of 10 refilled at 10/s grants at most 10 + 10·t permits in any span of t seconds; the slack
        // (0.5 s, and one permit) covers the moments between a grant in Redis and its timestamp here
        List<Long> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i; j < sorted.size(); j++) {
                double span = (sorted.get(j) - sorted.get(i)) / 1e9;
                int bound = 10 + (int) (10 * (span + 0.5)) + 1;
                assertThat(j - i + 1).as("grants within %.3f s", span).isLessThanOrEqualTo(bound);
            }
        }
        assertThat(sorted).hasSize(32);
    }
}
