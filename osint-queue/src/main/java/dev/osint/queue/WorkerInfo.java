package dev.osint.queue;

import java.time.Instant;
import java.util.List;

/**
 * A worker's heartbeat: who it is, what it serves and how busy it is.
 *
 * @param active    tasks running now
 * @param processed tasks finished since it started
 */
public record WorkerInfo(String name, String host, long pid, List<String> queues, int concurrency, int active,
                         long processed, long failed, Instant startedAt, Instant heartbeatAt) {}
