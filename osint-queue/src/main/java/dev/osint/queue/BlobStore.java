package dev.osint.queue;

import java.util.Optional;

/**
 * Files uploaded with scans, each kept under its task's id only while the task lives: written before the task is
 * queued, read by whichever worker runs it, deleted when it ends, and gone by itself after the broker's result
 * expiry should nobody delete it. {@code BlobStoreContractTest} states the behaviour every store keeps.
 */
public interface BlobStore {
    /** Stores {@code content} for {@code taskId}, replacing what was there; it expires after the store's time. */
    void put(String taskId, byte[] content);

    /** The file of {@code taskId}, or empty when there is none or it expired. */
    Optional<byte[]> get(String taskId);

    /** Deletes the file of {@code taskId}; nothing happens when there is none. */
    void delete(String taskId);
}
