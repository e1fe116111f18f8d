package dev.osint.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

/** How a broker names its Redis in messages: the server, or the master and its sentinels; never a password. */
class RedisLinkAddressTest {
    @Test
    void aServerIsNamedByHostAndPort() {
        assertThat(RedisLink.describe(RedisURI.create("redis://:secret@10.0.0.5:6380/2")))
                .isEqualTo("10.0.0.5:6380");
    }

    @Test
    void aSentinelUrlNamesTheMasterAndEverySentinelButNoPassword() {
        String described = RedisLink.describe(RedisURI.create(
                "redis-sentinel://:secret@10.0.0.1:26379,10.0.0.2:26380/0#osint"));
        assertThat(described).isEqualTo("master osint via sentinels 10.0.0.1:26379,10.0.0.2:26380");
        assertThat(described).doesNotContain("secret");
    }
}
