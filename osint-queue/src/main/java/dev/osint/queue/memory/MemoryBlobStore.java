package dev.osint.queue.memory;

import dev.osint.queue.BlobStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Uploaded files in this process's memory, for the in-memory broker; expired ones are dropped on each write. */
final class MemoryBlobStore implements BlobStore {
    private record Stored(byte[] content, long expiresAtNanos) {
        boolean expired(long now) {
            return now - expiresAtNanos >= 0;
        }
    }

    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private final long expiryNanos;

    MemoryBlobStore(Duration expiry) {
        this.expiryNanos = expiry.toNanos();
    }

    @Override
    public void put(String taskId, byte[] content) {
        long now = System.nanoTime();
        files.values().removeIf(stored -> stored.expired(now));
        files.put(taskId, new Stored(content.clone(), now + expiryNanos));
    }

    @Override
    public Optional<byte[]> get(String taskId) {
        Stored stored = files.get(taskId);
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.expired(System.nanoTime())) {
            files.remove(taskId, stored);
            return Optional.empty();
        }
        return Optional.of(stored.content().clone());
    }

    @Override
    public void delete(String taskId) {
        files.remove(taskId);
    }

    void clear() {
        files.clear();
    }
}
