package dev.osint.server;

import dev.osint.queue.testing.TestRedis;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The API fuzzed on Redis (a real redis-server), its worker taking tasks from there. */
class RedisApiFuzzTest extends ApiFuzzContract {
    private static TestRedis redis;

    @BeforeContainer
    static void start() {
        redis = TestRedis.standalone("RedisApiFuzzTest");
        api = configured(ApiFixture.anApi().onBroker(redis::newBroker));
    }

    @AfterContainer
    static void stop() {
        api.close();
        redis.deleteKeys();
    }
}
