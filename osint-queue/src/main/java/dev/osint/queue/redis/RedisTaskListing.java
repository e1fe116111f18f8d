package dev.osint.queue.redis;

import dev.osint.core.TaskRecord;
import dev.osint.queue.TaskCursor;
import dev.osint.queue.TaskPage;
import dev.osint.queue.TaskQuery;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of {@link Broker#tasks} on Redis. The index {@code tasks} is a sorted set scored by creation time (ms),
 * read newest first in chunks by score, ties broken by id like the in-memory broker; each chunk's records are
 * fetched in one round trip (without their results) and filtered here. A page examines at most
 * {@link TaskQuery#SCAN_BUDGET} tasks. Index entries whose record expired before the sweep in {@code take.lua} removed
 * them are skipped and removed.
 */
final class RedisTaskListing {
    private static final Comparator<ScoredValue<String>> NEWEST_FIRST = Comparator
            .comparingDouble((ScoredValue<String> entry) -> entry.getScore())
            .thenComparing(ScoredValue::getValue).reversed();

    private final RedisLink link;
    private final RedisKeys keys;
    private final TaskQuery query;
    private final Range.Boundary<Long> oldest;
    private final int chunk;
    private final List<TaskRecord> found = new ArrayList<>();
    private final List<String> vanished = new ArrayList<>();
    private int examined;

    RedisTaskListing(RedisLink link, RedisKeys keys, TaskQuery query) {
        this.link = link;
        this.keys = keys;
        this.query = query;
        this.oldest = query.since() == null ? Range.Boundary.unbounded()
                : Range.Boundary.including(query.since().toEpochMilli());
        this.chunk = Math.min(1_000, Math.max(query.limit(), 200));
    }

    TaskPage page() {
        TaskCursor position = query.cursor() == null ? null : TaskCursor.decode(query.cursor());
        Long until = query.until() == null ? null : query.until().toEpochMilli();
        if (position != null && until != null && position.createdAtMillis() >= until) {
            position = null; // a cursor above the range: the range's own top comes later
        }
        try {
            while (true) {
                Chunk next = position == null ? top(until) : after(position);
                List<ScoredValue<String>> entries = next.entries();
                int affordable = Math.min(entries.size(), TaskQuery.SCAN_BUDGET - examined);
                List<Map<String, String>> records = records(entries.subList(0, affordable));
                for (int i = 0; i < entries.size(); i++) {
                    if (found.size() == query.limit() || examined == TaskQuery.SCAN_BUDGET) {
                        return new TaskPage(found, position.encode());
                    }
                    ScoredValue<String> entry = entries.get(i);
                    Map<String, String> fields = records.get(i);
                    if (fields.get("definition") == null) {
                        vanished.add(entry.getValue());
                    } else {
                        TaskRecord task = TaskHash.read(fields);
                        if (query.matches(task)) {
                            found.add(task);
                        }
                    }
                    examined++;
                    position = new TaskCursor((long) entry.getScore(), entry.getValue());
                }
                if (next.last()) {
                    return new TaskPage(found, null);
                }
            }
        } finally {
            if (!vanished.isEmpty()) {
                link.call(c -> c.zrem(keys.tasks(), vanished.toArray(String[]::new)));
            }
        }
    }

    /** Entries of one read, newest first; {@code last} when nothing older is left in the range. */
    private record Chunk(List<ScoredValue<String>> entries, boolean last) {}

    /** The newest entries of the range, below {@code until} (exclusive) when it is set. */
    private Chunk top(Long until) {
        Range.Boundary<Long> newest = until == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(until);
        List<ScoredValue<String>> entries = link.call(c -> c.zrevrangebyscoreWithScores(keys.tasks(),
                Range.from(oldest, newest), Limit.create(0, chunk)));
        return new Chunk(entries, entries.size() < chunk);
    }

    /**
     * The entries after {@code position}: those of the same millisecond with a smaller id (all of that millisecond
     * are read, a handful), then the older ones, both in one round trip.
     */
    private Chunk after(TaskCursor position) {
        long millis = position.createdAtMillis();
        boolean inRange = query.since() == null || millis >= query.since().toEpochMilli();
        RedisFuture<List<ScoredValue<String>>> same = inRange ? link.send(c -> c.zrangebyscoreWithScores(keys.tasks(),
                Range.create(millis, millis))) : null;
        RedisFuture<List<ScoredValue<String>>> older = link.send(c -> c.zrevrangebyscoreWithScores(keys.tasks(),
                Range.from(oldest, Range.Boundary.excluding(millis)), Limit.create(0, chunk)));
        List<ScoredValue<String>> entries = new ArrayList<>();
        if (same != null) {
            for (ScoredValue<String> entry : link.await(same)) {
                if (entry.getValue().compareTo(position.taskId()) < 0) {
                    entries.add(entry);
                }
            }
            entries.sort(NEWEST_FIRST);
        }
        List<ScoredValue<String>> below = link.await(older);
        entries.addAll(below);
        return new Chunk(entries, below.size() < chunk);
    }

    /** The records of these entries, without results, in one round trip; an expired one is an empty map. */
    private List<Map<String, String>> records(List<ScoredValue<String>> entries) {
        List<RedisFuture<List<KeyValue<String, String>>>> pending = new ArrayList<>(entries.size());
        for (ScoredValue<String> entry : entries) {
            pending.add(link.send(c -> c.hmget(keys.task(entry.getValue()), TaskHash.WITHOUT_RESULT)));
        }
        List<Map<String, String>> records = new ArrayList<>(entries.size());
        for (RedisFuture<List<KeyValue<String, String>>> future : pending) {
            Map<String, String> fields = new HashMap<>();
            for (KeyValue<String, String> field : link.await(future)) {
                if (field.hasValue()) {
                    fields.put(field.getKey(), field.getValue());
                }
            }
            records.add(fields);
        }
        return records;
    }
}
