package dev.osint.queue.redis;

import dev.osint.core.TaskRecord;
import dev.osint.queue.BrokerUnavailableException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Status reads of a Redis-mode process, a task in a final state (SUCCESS, FAILURE, REVOKED) answered from memory
 * after its first read, for as long as Redis says it is unchanged. Redis's server-assisted client-side caching
 * ({@code CLIENT TRACKING ON} on a RESP3 connection) remembers every key read on the connection kept for these
 * reads and pushes an invalidation when the key changes, is deleted, expires or is evicted; a {@code FLUSHDB} or
 * {@code FLUSHALL} pushes one for everything. A kept record goes with its invalidation, so whatever rewrites a
 * task's hash (any process's script, a purge, a delete) drops it in every API process.
 *
 * <p>Exactly right rather than fast when unsure:
 * <ul>
 * <li>Tracking belongs to a connection: a record is kept only after Redis confirmed {@code CLIENT TRACKING ON} on
 *     the connection as it is now. A disconnect drops everything and stops keeping; Lettuce's reconnect (to the
 *     same server, or another after a failover) turns tracking on again first. A read that fails because Redis
 *     could not be reached does the same, so a connection Lettuce has not yet seen die keeps nothing.</li>
 * <li>A read and an invalidation crossing: every read notes a generation (one for everything, bumped by flushes,
 *     disconnects and tracking's start; one per slot, bumped by each invalidation of a key in that slot) when it is
 *     sent, and its record is kept only if neither moved by the time the answer is in. Both are compared and
 *     changed under one lock, so a record is never kept after an invalidation of its key was handled.</li>
 * <li>Redis expires a key lazily or in a background sweep that may be late, and only then pushes the
 *     invalidation: the first read of a final task also asks its {@code PTTL}, and the record is not answered from
 *     memory past it (counted from before the question, so early rather than late).</li>
 * </ul>
 * A read of a task not yet final is tracked too (one connection, default mode): it costs one invalidation push
 * when the task next changes, which is at most one push per read; {@code OPTIN} would save that only with a second
 * command before each read, since whether a task is final is known only from the answer.
 *
 * <p>Direct-mapped by the task's key, as a processor cache is: no lock on a hit, memory bounded by the number of
 * slots and {@link #MAX_RESULT_CHARS}; a collision evicts. A kept record is the same object for every read, so
 * what is derived from it (the serialised status answer) can be kept by the reader too.
 */
final class FinalTaskCache implements PushListener, RedisConnectionStateListener {
    /** A final task whose result text is longer is read from Redis every time: it bounds the memory kept. */
    static final int MAX_RESULT_CHARS = 8 * 1024;
    /** A key without expiry: kept until invalidated (far enough ahead never to be reached, near enough not to wrap). */
    private static final long NO_EXPIRY_NANOS = Long.MAX_VALUE / 4;
    /** What {@link #stamp} holds while Redis is not known to track this connection's reads. */
    private static final long NOT_TRACKING = -1;

    /** A kept record; immutable, so a slot read without a lock sees all of it. */
    private record Entry(String key, TaskRecord task, long expiresAtNanos) {}

    private final RedisLink link;
    private final RedisKeys keys;
    private final int mask;
    private final AtomicReferenceArray<Entry> entries;
    /** Per slot, bumped (under the lock) by each invalidation of a key in the slot. */
    private final AtomicLongArray slotGenerations;
    /** Bumped (under the lock) by everything that drops all entries. */
    private long generation;
    /** Bumped (under the lock) by every connect and disconnect: a confirmation of tracking counts for its own. */
    private long connectionEpoch;
    /** {@link #generation} while Redis tracks this connection's reads, else {@link #NOT_TRACKING}. */
    private volatile long stamp = NOT_TRACKING;
    private volatile StatefulRedisConnection<String, String> connection;

    /** @param slots how many records are kept at most, a power of two */
    FinalTaskCache(RedisLink link, RedisKeys keys, int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("the slots must be a power of two, not " + slots);
        }
        this.link = link;
        this.keys = keys;
        this.mask = slots - 1;
        this.entries = new AtomicReferenceArray<>(slots);
        this.slotGenerations = new AtomicLongArray(slots);
    }

    /** The next power of two from {@code entries} (at least 1), the slots for a setting of that many entries. */
    static int slotsFor(int entries) {
        return entries <= 1 ? 1 : Integer.highestOneBit(entries - 1) << 1;
    }

    /**
     * The task's record: from memory when kept, else one {@code HGETALL} (and for a final task, once, a
     * {@code PTTL}). Completes on Lettuce's I/O thread, failing with {@link BrokerUnavailableException} while Redis
     * is away.
     */
    CompletableFuture<Optional<TaskRecord>> read(String taskId) {
        String key = keys.task(taskId);
        int slot = slot(key);
        Entry kept = entries.getAcquire(slot);
        if (kept != null && kept.key().equals(key)) {
            if (System.nanoTime() - kept.expiresAtNanos() < 0) {
                return CompletableFuture.completedFuture(Optional.of(kept.task()));
            }
            entries.compareAndSet(slot, kept, null); // expired in Redis, or about to be
        }
        StatefulRedisConnection<String, String> open;
        try {
            open = connection();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long readStamp = stamp;
        long readSlotStamp = slotGenerations.get(slot);
        CompletableFuture<Optional<TaskRecord>> read = link.callAsync(open::async, c -> c.hgetall(key))
                .thenCompose(fields -> {
                    if (fields.isEmpty()) {
                        return CompletableFuture.completedFuture(Optional.empty());
                    }
                    TaskRecord task = TaskHash.read(fields);
                    if (readStamp == NOT_TRACKING || !keepable(task, fields)) {
                        return CompletableFuture.completedFuture(Optional.of(task));
                    }
                    long asked = System.nanoTime();
                    return link.callAsync(open::async, c -> c.pttl(key)).handle((ttl, failure) -> {
                        if (failure == null) {
                            keep(slot, new Entry(key, task, expiresAt(asked, ttl)), ttl, readStamp, readSlotStamp);
                        }
                        return Optional.of(task);
                    });
                });
        read.whenComplete((task, failure) -> {
            if (failure != null && unwrapped(failure) instanceof BrokerUnavailableException) {
                distrust(open);
            }
        });
        return read;
    }

    private static boolean keepable(TaskRecord task, Map<String, String> fields) {
        String result = fields.get("result");
        return task.state().isFinal() && (result == null || result.length() <= MAX_RESULT_CHARS);
    }

    private static long expiresAt(long asked, long ttlMillis) {
        return ttlMillis < 0 ? asked + NO_EXPIRY_NANOS : asked + TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    }

    /** Keeps the entry unless its key (or everything) was invalidated since its read was sent. */
    private synchronized void keep(int slot, Entry entry, long ttl, long readStamp, long readSlotStamp) {
        // a PTTL of -2: the key is gone (its invalidation, handled already, has moved a generation anyway)
        if (ttl != -2 && stamp == readStamp && slotGenerations.get(slot) == readSlotStamp) {
            entries.setRelease(slot, entry);
        }
    }

    /** How many records are kept now (tests). */
    int size() {
        int kept = 0;
        for (int i = 0; i < entries.length(); i++) {
            kept += entries.get(i) == null ? 0 : 1;
        }
        return kept;
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return open;
        }
        CompletableFuture<?> started = null;
        synchronized (this) {
            if (connection == null) {
                connection = link.connectTracked(this, this);
                started = startTracking(connection);
            }
            open = connection;
        }
        if (started != null) {
            // the first read waits for it (once, outside the lock its confirmation takes), so its record is kept
            try {
                started.get(link.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // not tracking: reads go to Redis until a reconnect turns it on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return open;
    }

    /**
     * Drops everything, then asks Redis to track this connection's reads; records are kept again once it confirmed,
     * if the connection has not changed meanwhile. Redis speaking only RESP2 cannot push: nothing is kept then.
     */
    private CompletableFuture<?> startTracking(StatefulRedisConnection<String, String> on) {
        long epoch;
        synchronized (this) {
            epoch = ++connectionEpoch;
            dropAll(false);
        }
        if (!(on instanceof StatefulRedisConnectionImpl<?, ?> impl)
                || impl.getConnectionState().getNegotiatedProtocolVersion() != ProtocolVersion.RESP3) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return on.async().clientTracking(TrackingArgs.Builder.enabled()).toCompletableFuture()
                    .whenComplete((reply, failure) -> {
                        if (failure == null && "OK".equals(reply)) {
                            tracking(epoch);
                        }
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null); // disconnected already: the reconnect starts it again
        }
    }

    private synchronized void tracking(long epoch) {
        if (connectionEpoch == epoch) {
            dropAll(true);
        }
    }

    /** A read that failed to reach Redis: the connection may be gone without Lettuce knowing yet. */
    private void distrust(StatefulRedisConnection<String, String> on) {
        if (stamp != NOT_TRACKING) {
            startTracking(on);
        }
    }

    /** Forgets every entry and every read in flight; {@code tracking} says whether Redis tracks the reads after. */
    private void dropAll(boolean tracking) {
        generation++;
        stamp = tracking ? generation : NOT_TRACKING;
        for (int i = 0; i < entries.length(); i++) {
            entries.setRelease(i, null);
        }
    }

    @Override
    public void onPushMessage(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
        Object invalidated = content.size() > 1 ? content.get(1) : null;
        synchronized (this) {
            if (invalidated instanceof List<?> changed) {
                for (Object key : changed) {
                    invalidate(String.valueOf(key));
                }
            } else { // null: the database was flushed
                dropAll(stamp != NOT_TRACKING);
            }
        }
    }

    private void invalidate(String key) {
        int slot = slot(key);
        slotGenerations.incrementAndGet(slot);
        Entry kept = entries.get(slot);
        if (kept != null && kept.key().equals(key)) {
            entries.setRelease(slot, null);
        }
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> from) {
        synchronized (this) {
            connectionEpoch++;
            dropAll(false);
        }
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> to) {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) { // a reconnect: the first connect starts tracking in connection()
            startTracking(open);
        }
    }

    private int slot(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause()
                : failure;
    }
}
