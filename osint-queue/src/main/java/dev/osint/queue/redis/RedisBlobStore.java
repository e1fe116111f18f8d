package dev.osint.queue.redis;

import dev.osint.queue.BlobStore;
import io.lettuce.core.SetArgs;
import java.util.Optional;

/**
 * Uploaded files as Redis strings ({@code {prefix}:upload:<task id>}) that expire by themselves after the result
 * expiry, so any worker process can read them and none outlives its task by much should a delete be lost.
 */
final class RedisBlobStore implements BlobStore {
    private final RedisLink link;
    private final RedisKeys keys;
    private final long expiryMillis;

    RedisBlobStore(RedisLink link, RedisKeys keys, java.time.Duration expiry) {
        this.link = link;
        this.keys = keys;
        this.expiryMillis = Math.max(1, expiry.toMillis());
    }

    @Override
    public void put(String taskId, byte[] content) {
        link.callBinary(c -> c.set(keys.upload(taskId), content, SetArgs.Builder.px(expiryMillis)));
    }

    @Override
    public Optional<byte[]> get(String taskId) {
        return Optional.ofNullable(link.callBinary(c -> c.get(keys.upload(taskId))));
    }

    @Override
    public void delete(String taskId) {
        link.callBinary(c -> c.del(keys.upload(taskId)));
    }
}
