package dev.osint.queue.redis;

/**
 * The names of the broker's keys. All start with {@code {prefix}:}; the braces make the prefix a hash tag, so
 * on Redis Cluster every key lands in one slot and a script may touch any of them.
 */
record RedisKeys(String prefix) {
    static RedisKeys of(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("OSINT_REDIS_PREFIX must not be empty");
        }
        return new RedisKeys(name.contains("{") ? name + ":" : "{" + name + "}:");
    }

    String task(String id) {
        return prefix + "task:" + id;
    }

    String leases() {
        return prefix + "leases";
    }

    String scheduled() {
        return prefix + "scheduled";
    }

    String finished() {
        return prefix + "finished";
    }

    /** Sorted set: every task the broker knows, scored by creation time (ms); the listing's index. */
    String tasks() {
        return prefix + "tasks";
    }

    /** Sorted set: finished tasks, scored by when their record expires; they leave {@link #tasks()} then. */
    String expiries() {
        return prefix + "expiries";
    }

    /** Stream: task and worker events, about {@link Broker#EVENTS_KEPT} of them, for every API process. */
    String events() {
        return prefix + "events";
    }

    /** Hash: counts by collector type and final state, retries, run-time histograms. */
    String stats() {
        return prefix + "stats";
    }

    /** Hash: each known worker's last heartbeat, kept after its heartbeat key expired to announce it offline. */
    String workerInfo() {
        return prefix + "worker-info";
    }

    String workers() {
        return prefix + "workers";
    }

    String worker(String name) {
        return prefix + "worker:" + name;
    }

    /** A file uploaded with a task, while the task lives. */
    String upload(String taskId) {
        return prefix + "upload:" + taskId;
    }

    String rateBucket(String key) {
        return prefix + "rate:" + key;
    }

    /** Stream: a copy of each finished task's hash, for the history writer (consumer group {@code history}). */
    String history() {
        return prefix + "history";
    }

    /** Counter: finished tasks not kept for history because the stream was full. */
    String historyDropped() {
        return prefix + "history-dropped";
    }

    /** Pub/sub: a line went from empty to non-empty; the message is the queue's name. */
    String readyChannel() {
        return prefix + "ready";
    }

    /** Pub/sub: a running task was revoked; the message is its id. */
    String revokedChannel() {
        return prefix + "revoked";
    }

    /** Pub/sub: a task that has a parent reached its final state; the message is the parent's id. */
    String endedChannel() {
        return prefix + "ended";
    }
}
