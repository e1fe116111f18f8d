package dev.osint.queue.redis;

import dev.osint.core.TaskRecord;
import dev.osint.queue.FinishedTasks;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis broker's finished tasks: the stream {@code P history}, written by finish, revoke and purge, read
 * in the consumer group {@code history}. Each process reads under a name of its own; an entry it took but never
 * acknowledged (it died before its database commit) is claimed by another reader once it has been idle for
 * {@code OSINT_HISTORY_CLAIM_AFTER}. Acknowledged entries are deleted, so the stream holds exactly the backlog.
 */
final class RedisFinishedTasks implements FinishedTasks {
    private static final Logger log = LoggerFactory.getLogger(RedisFinishedTasks.class);
    static final String GROUP = "history";
    /** How often a reader looks for entries left behind by a dead one. */
    private static final Duration CLAIM_EVERY = Duration.ofSeconds(30);
    /** Reads never block the connection every thread shares: an idle reader looks again after this. */
    private static final long IDLE_SLEEP_MS = 200;

    private final RedisLink link;
    private final RedisKeys keys;
    private final Consumer<String> me;
    private final Duration claimAfter;
    private volatile boolean groupReady;
    private long nextClaimAt;

    RedisFinishedTasks(RedisLink link, RedisKeys keys) {
        this(link, keys, DEFAULT_CLAIM_AFTER);
    }

    RedisFinishedTasks(RedisLink link, RedisKeys keys, Duration claimAfter) {
        this.link = link;
        this.keys = keys;
        this.claimAfter = claimAfter;
        this.me = Consumer.from(GROUP, readerName());
    }

    private static String readerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        // a restarted container keeps its host name and pid 1: the suffix keeps names apart
        return "history@" + host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString()
                .substring(0, 8);
    }

    @Override
    public List<Delivery> poll(int most, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<Delivery> found = claimLeftBehind(most);
            if (found.isEmpty()) {
                found = readNew(most);
            }
            if (!found.isEmpty() || System.nanoTime() >= deadline) {
                return found;
            }
            Thread.sleep(Math.min(IDLE_SLEEP_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private List<Delivery> readNew(int most) {
        return withGroup(() -> deliveries(link.call(c -> c.xreadgroup(me, XReadArgs.Builder.count(most),
                XReadArgs.StreamOffset.lastConsumed(keys.history())))));
    }

    /** Entries another reader took and left unacknowledged for longer than {@link #claimAfter}: it died. */
    private List<Delivery> claimLeftBehind(int most) {
        long now = System.nanoTime();
        if (now < nextClaimAt) {
            return List.of();
        }
        nextClaimAt = now + CLAIM_EVERY.toNanos();
        ClaimedMessages<String, String> claimed = withGroup(() -> link.call(c -> c.xautoclaim(keys.history(),
                XAutoClaimArgs.Builder.xautoclaim(me, claimAfter, "0-0").count(most))));
        List<Delivery> deliveries = deliveries(claimed.getMessages());
        if (!deliveries.isEmpty()) {
            log.info("history: took over {} finished task(s) another reader left unwritten", deliveries.size());
            nextClaimAt = now; // there may be more
        }
        return deliveries;
    }

    private List<Delivery> deliveries(List<StreamMessage<String, String>> messages) {
        List<Delivery> deliveries = new ArrayList<>(messages.size());
        List<String> unreadable = new ArrayList<>();
        for (StreamMessage<String, String> message : messages) {
            TaskRecord task = readable(message);
            if (task == null) {
                unreadable.add(message.getId());
            } else {
                deliveries.add(new Delivery(message.getId(), task));
            }
        }
        if (!unreadable.isEmpty()) {
            remove(unreadable);
        }
        return deliveries;
    }

    private static TaskRecord readable(StreamMessage<String, String> message) {
        try {
            if (message.getBody() == null || !message.getBody().containsKey("definition")) {
                throw new IllegalArgumentException("no task definition");
            }
            return TaskHash.read(message.getBody());
        } catch (RuntimeException e) {
            // retrying cannot make it readable: dropping it keeps the readers from stalling on it for ever
            log.error("history: finished-task entry {} cannot be read and is dropped: {}", message.getId(),
                    e.toString());
            return null;
        }
    }

    @Override
    public void ack(List<Delivery> delivered) {
        if (!delivered.isEmpty()) {
            remove(delivered.stream().map(Delivery::id).toList());
        }
    }

    private void remove(List<String> ids) {
        String[] array = ids.toArray(String[]::new);
        var acked = link.send(c -> c.xack(keys.history(), GROUP, array));
        var deleted = link.send(c -> c.xdel(keys.history(), array));
        link.await(acked);
        link.await(deleted);
    }

    @Override
    public long backlog() {
        return link.call(c -> c.xlen(keys.history()));
    }

    @Override
    public long dropped() {
        String count = link.call(c -> c.get(keys.historyDropped()));
        return count == null ? 0 : Long.parseLong(count);
    }

    /** Runs {@code read}, creating the stream and group first when needed (first use, or the keys were flushed). */
    private <T> T withGroup(java.util.function.Supplier<T> read) {
        if (!groupReady) {
            createGroup();
        }
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOGROUP")) {
                throw e;
            }
            createGroup();
            return read.get();
        }
    }

    private void createGroup() {
        try {
            // from the start of the stream: tasks finished before any reader existed are read too
            link.call(c -> c.xgroupCreate(XReadArgs.StreamOffset.from(keys.history(), "0-0"), GROUP,
                    XGroupCreateArgs.Builder.mkstream()));
        } catch (RuntimeException e) {
            // Lettuce reports BUSYGROUP (the group exists: fine) as a busy server
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

}
