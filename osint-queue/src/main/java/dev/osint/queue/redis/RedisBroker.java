package dev.osint.queue.redis;

import dev.osint.core.Json;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import dev.osint.queue.Admission;
import dev.osint.queue.BlobStore;
import dev.osint.queue.Broker;
import dev.osint.queue.ChildEndSignals;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.EventIds;
import dev.osint.queue.FinishedTasks;
import dev.osint.queue.Lease;
import dev.osint.queue.RateLimiter;
import dev.osint.queue.SubmissionQuotas;
import dev.osint.queue.TaskPage;
import dev.osint.queue.TaskQuery;
import dev.osint.queue.TaskStatistics;
import dev.osint.queue.WorkerInfo;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The broker for many worker processes on many machines: tasks, lines, leases and results live in Redis, and
 * every state change is one Lua script (see {@code lua/}), so it is atomic however many workers ask at once.
 * The data layout and the guarantees are described in {@code docs/DISTRIBUTED.md}.
 */
public final class RedisBroker implements Broker {
    /** How long a waiting take sleeps at most before it looks again, should a wake-up message be lost. */
    private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The most tasks one take hands out, so one script never holds Redis for long. */
    private static final int MAX_BATCH = 100;
    /** How often an event reader looks for workers whose heartbeat expired, to announce them offline. */
    private static final long WORKER_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest one blocking read of the event stream waits, so a closing reader is never held up for long. */
    private static final Duration MAX_EVENT_BLOCK = Duration.ofSeconds(1);
    /** Stream entries asked for in one read of events: enough for hundreds of events when tasks come in batches. */
    private static final int EVENT_ENTRIES_PER_READ = 16;

    private final BrokerSettings settings;
    private final RedisKeys keys;
    private final RedisLink link;
    private final Wakeups wakeups = new Wakeups();
    private final List<Consumer<String>> revokeListeners = new CopyOnWriteArrayList<>();
    private final ChildEndSignals childEnds = new ChildEndSignals();
    private final GroupCommit enqueues;
    private final GroupCommit admissions;
    private final GroupCommit submissions;
    private final GroupCommit finishes;
    private final GroupCommit progress;
    private volatile long lastWorkerSweep = System.nanoTime() - WORKER_SWEEP_NANOS;
    private final RedisBlobStore blobs;
    private final String historyBacklog;
    private final Duration claimAfter;
    private volatile RedisFinishedTasks finished;
    /** Final tasks' records kept until Redis invalidates them; null when the settings keep none. */
    private final FinalTaskCache finalTasks;

    public RedisBroker(RedisSettings redis, BrokerSettings settings) {
        this(redis, settings, 0);
    }

    /**
     * @param finishedBacklog how many finished tasks the history stream holds for the history writer
     *                        ({@link #finishedTasks}); 0 keeps none. Every process that finishes tasks passes it.
     */
    public RedisBroker(RedisSettings redis, BrokerSettings settings, int finishedBacklog) {
        this(redis, settings, finishedBacklog, FinishedTasks.DEFAULT_CLAIM_AFTER);
    }

    /**
     * @param claimAfter how long a finished task another reader took may stay unacknowledged before this process
     *                   takes it over (that reader died before its database commit)
     */
    public RedisBroker(RedisSettings redis, BrokerSettings settings, int finishedBacklog, Duration claimAfter) {
        this.settings = settings;
        this.historyBacklog = Integer.toString(Math.max(0, finishedBacklog));
        this.claimAfter = claimAfter;
        this.keys = RedisKeys.of(redis.prefix());
        this.link = new RedisLink(redis.url(), redis.commandTimeout(),
                List.of(keys.readyChannel(), keys.revokedChannel(), keys.endedChannel()), this::onMessage);
        this.enqueues = new GroupCommit(link, LuaScript.ENQUEUE, keys.prefix());
        // under load a submission shares its round trip (and the count of the queue's length) with the others
        this.admissions = new GroupCommit(link, LuaScript.ADMIT, keys.prefix());
        this.submissions = new GroupCommit(link, LuaScript.SUBMIT, keys.prefix());
        this.finishes = new GroupCommit(link, LuaScript.FINISH, keys.prefix(),
                Long.toString(settings.resultExpiry().toMillis()), historyBacklog);
        // a task's progress updates waiting together: only its latest is written
        this.progress = GroupCommit.latestPerTask(link, LuaScript.PROGRESS, keys.prefix());
        this.blobs = new RedisBlobStore(link, keys, settings.resultExpiry());
        this.finalTasks = redis.finalTasksKept() == 0 ? null
                : new FinalTaskCache(link, keys, FinalTaskCache.slotsFor(redis.finalTasksKept()));
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    private void onMessage(String channel, String message) {
        if (channel.equals(keys.revokedChannel())) {
            revokeListeners.forEach(listener -> listener.accept(message));
        } else if (channel.equals(keys.endedChannel())) {
            childEnds.ended(message);
        } else {
            wakeups.signal();
        }
    }

    RedisLink link() {
        return link;
    }

    RedisKeys keys() {
        return keys;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void enqueue(TaskRecord task) {
        // DUPLICATE is a replay after a reconnect (or a reused id): the task is queued once either way
        enqueues.call(enqueueGroup(task));
    }

    /** enqueue.lua's arguments for one task. */
    private static String[] enqueueGroup(TaskRecord task) {
        return new String[] {task.id(), TaskHash.definition(task), task.queue(), task.priority().wireName(),
                task.type(), task.target().value(), Long.toString(task.createdAt().toEpochMilli()),
                task.owner() == null ? "" : task.owner(), task.parentId() == null ? "" : task.parentId()};
    }

    @Override
    public Admission admit(String owner, String taskId, SubmissionQuotas quotas) {
        return admission((List<?>) admissions.reply(owner, taskId, Integer.toString(quotas.submitsPerMinute()),
                Integer.toString(quotas.maxQueued()), Integer.toString(quotas.maxQueueLength())));
    }

    /** One call of submit.lua, shared with the submissions waiting with it: admitted and queued, or refused. */
    @Override
    public Admission admitAndEnqueue(TaskRecord task, SubmissionQuotas quotas) {
        String[] enqueue = enqueueGroup(task);
        String[] group = new String[3 + enqueue.length];
        group[0] = Integer.toString(quotas.submitsPerMinute());
        group[1] = Integer.toString(quotas.maxQueued());
        group[2] = Integer.toString(quotas.maxQueueLength());
        System.arraycopy(enqueue, 0, group, 3, enqueue.length);
        return admission((List<?>) submissions.reply(group));
    }

    private static Admission admission(List<?> answer) {
        return switch (ScriptCode.of(answer.get(0))) {
            // DUPLICATE: a replay of a submission already queued
            case OK, DUPLICATE -> Admission.ADMITTED;
            case QUEUE_FULL -> Admission.refused(SubmissionQuotas.Quota.QUEUE_LENGTH,
                    SubmissionQuotas.QUEUE_FULL_RETRY_AFTER);
            case TOO_MANY_UNFINISHED -> Admission.refused(SubmissionQuotas.Quota.MAX_QUEUED,
                    SubmissionQuotas.MAX_QUEUED_RETRY_AFTER);
            case TOO_MANY_SUBMITS -> Admission.refused(SubmissionQuotas.Quota.SUBMITS_PER_MINUTE,
                    Duration.ofMillis(((Number) answer.get(1)).longValue()));
            default -> throw new IllegalStateException("admit.lua or submit.lua answered " + answer);
        };
    }

    @Override
    public Optional<TaskRecord> get(String taskId) {
        if (finalTasks != null) {
            return link.await(finalTasks.read(taskId));
        }
        Map<String, String> fields = link.call(c -> c.hgetall(keys.task(taskId)));
        return fields.isEmpty() ? Optional.empty() : Optional.of(TaskHash.read(fields));
    }

    /**
     * The same read as {@link #get}: a final task kept in memory answers at once, otherwise one HGETALL whose
     * record is read on Lettuce's I/O thread when the answer arrives.
     */
    @Override
    public CompletableFuture<Optional<TaskRecord>> getAsync(String taskId) {
        if (finalTasks != null) {
            return finalTasks.read(taskId);
        }
        return link.callAsync(c -> c.hgetall(keys.task(taskId)))
                .thenApply(fields -> fields.isEmpty() ? Optional.empty() : Optional.of(TaskHash.read(fields)));
    }

    /** A final task's record is kept (see {@link FinalTaskCache}): the same object until Redis says it changed. */
    @Override
    public boolean sharesFinalRecords() {
        return finalTasks != null;
    }

    /** The cache of final tasks' records, or null (tests). */
    FinalTaskCache finalTasks() {
        return finalTasks;
    }

    @Override
    public Optional<Lease> take(String workerName, List<String> queues, Duration wait) throws InterruptedException {
        return take(workerName, queues, 1, wait).stream().findFirst();
    }

    @Override
    public List<Lease> take(String workerName, List<String> queues, int most, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen = wakeups.generation();
            List<?> answer = takeNow(workerName, queues, Math.min(most, MAX_BATCH));
            if (ScriptCode.of(answer.get(0)) == ScriptCode.OK) {
                return leases(workerName, answer);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            long nextEvent = ((Number) answer.get(1)).longValue();
            long sleep = Math.min(left, MAX_IDLE_NANOS);
            if (nextEvent >= 0) {
                sleep = Math.min(sleep, Wakeups.millisToNanos(nextEvent + 1));
            }
            wakeups.awaitAfter(seen, sleep);
        }
    }

    private List<?> takeNow(String workerName, List<String> queues, int most) {
        String[] args = new String[3 + queues.size()];
        args[0] = workerName;
        args[1] = Long.toString(settings.lease().toMillis());
        args[2] = Integer.toString(most);
        for (int i = 0; i < queues.size(); i++) {
            args[3 + i] = queues.get(i);
        }
        return link.eval(LuaScript.TAKE, ScriptOutputType.MULTI, keys.prefix(), args);
    }

    private static List<Lease> leases(String workerName, List<?> answer) {
        Instant startedAt = Instant.ofEpochMilli(Long.parseLong((String) answer.get(1)));
        List<Lease> leases = new ArrayList<>((answer.size() - 2) / 3);
        for (int i = 2; i + 2 < answer.size(); i += 3) {
            TaskRecord task = TaskHash.started((String) answer.get(i + 1), Integer.parseInt((String) answer.get(i + 2)),
                    workerName, startedAt);
            leases.add(new Lease(task.id(), (String) answer.get(i), task));
        }
        return leases;
    }

    @Override
    public boolean renew(Lease lease) {
        return renew(List.of(lease)).getFirst();
    }

    /** One call of renew.lua for all the leases, however many. */
    @Override
    public List<Boolean> renew(List<Lease> held) {
        if (held.isEmpty()) {
            return List.of();
        }
        String[] args = new String[1 + 2 * held.size()];
        args[0] = Long.toString(settings.lease().toMillis());
        for (int i = 0; i < held.size(); i++) {
            args[1 + 2 * i] = held.get(i).taskId();
            args[2 + 2 * i] = held.get(i).token();
        }
        List<?> codes = link.eval(LuaScript.RENEW, ScriptOutputType.MULTI, keys.prefix(), args);
        List<Boolean> kept = new ArrayList<>(codes.size());
        for (Object code : codes) {
            kept.add(ScriptCode.of(code) == ScriptCode.OK);
        }
        return kept;
    }

    @Override
    public boolean progress(Lease lease, int percent, String stage) {
        return accepted(lease, TaskState.PROCESSING, progress.call(lease.taskId(), lease.token(),
                Integer.toString(percent), stage == null ? "" : stage));
    }

    @Override
    public boolean finish(Lease lease, TaskState state, ScanResult result, String error) {
        return finish(lease, state, result, null, error);
    }

    @Override
    public boolean finish(Lease lease, TaskState state, ScanResult result, String resultJson, String error) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("finish takes a final state, not " + state);
        }
        String json = result == null ? "" : resultJson != null ? resultJson : Json.write(result);
        return accepted(lease, state, finishes.call(lease.taskId(), lease.token(), state.name(), json,
                error == null ? "" : error));
    }

    /** The same group commit as {@link #finish}; the caller's thread goes on while the finish.lua call travels. */
    @Override
    public CompletionStage<Boolean> finishAsync(Lease lease, TaskState state, ScanResult result, String resultJson,
                                                String error) {
        if (!state.isFinal()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("finish takes a final state, not "
                    + state));
        }
        String json = result == null ? "" : resultJson != null ? resultJson : Json.write(result);
        return finishes.replyAsync(lease.taskId(), lease.token(), state.name(), json, error == null ? "" : error)
                .thenApply(reply -> accepted(lease, state, reply));
    }

    @Override
    public boolean retry(Lease lease, Duration delay, String reason) {
        return accepted(lease, TaskState.RETRY, link.eval(LuaScript.RETRY, ScriptOutputType.INTEGER, keys.prefix(), lease.taskId(), lease.token(),
                Long.toString(delay.toMillis()), reason == null ? "" : reason));
    }

    @Override
    public boolean release(Lease lease) {
        return accepted(lease, TaskState.PENDING, link.eval(LuaScript.RELEASE, ScriptOutputType.INTEGER, keys.prefix(), lease.taskId(),
                lease.token()));
    }

    /**
     * True when the script made the move, false when the lease was lost; a move the state table forbids throws,
     * as {@link TaskState#checkMoveTo} does in the in-memory broker.
     */
    private static boolean accepted(Lease lease, TaskState to, Object reply) {
        ScriptCode code = reply instanceof ScriptCode known ? known : ScriptCode.of(reply);
        if (code == ScriptCode.ILLEGAL_MOVE) {
            throw new IllegalStateException("a task cannot move from its state now to " + to + " (task "
                    + lease.taskId() + ")");
        }
        return code == ScriptCode.OK;
    }

    @Override
    public Optional<TaskState> revoke(String taskId) {
        List<?> answer = link.eval(LuaScript.REVOKE, ScriptOutputType.MULTI, keys.prefix(), taskId, "task revoked",
                Long.toString(settings.resultExpiry().toMillis()), historyBacklog);
        if (ScriptCode.of(answer.get(0)) == ScriptCode.UNKNOWN_TASK) {
            return Optional.empty();
        }
        return Optional.of(TaskState.valueOf((String) answer.get(1)));
    }

    @Override
    public void onRevoke(Consumer<String> listener) {
        revokeListeners.add(listener);
    }

    @Override
    public void heartbeat(WorkerInfo worker) {
        // the heartbeat key expires by itself, so a worker that died simply drops out of the list
        link.eval(LuaScript.HEARTBEAT, ScriptOutputType.INTEGER, keys.prefix(), worker.name(), Json.write(worker),
                Long.toString(settings.workerTimeout().toMillis()));
    }

    @Override
    public void unregister(String workerName) {
        link.call(c -> c.del(keys.worker(workerName)));
        dropSilentWorkers(); // announces this one offline (and any other whose heartbeat expired)
    }

    /** Forgets workers whose heartbeat key is gone, each announced offline once by whichever process gets there. */
    private void dropSilentWorkers() {
        link.eval(LuaScript.DROP_WORKERS, ScriptOutputType.MULTI, keys.prefix());
        lastWorkerSweep = System.nanoTime();
    }

    @Override
    public List<WorkerInfo> workers() {
        List<String> names = new ArrayList<>(link.call(c -> c.smembers(keys.workers())));
        if (names.isEmpty()) {
            return List.of();
        }
        List<KeyValue<String, String>> infos = link.call(c -> c.mget(names.stream().map(keys::worker)
                .toArray(String[]::new)));
        List<WorkerInfo> alive = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            KeyValue<String, String> info = infos.get(i);
            if (info.hasValue()) {
                alive.add(Json.read(info.getValue(), WorkerInfo.class));
            } else {
                gone.add(names.get(i));
            }
        }
        if (!gone.isEmpty()) {
            dropSilentWorkers();
        }
        alive.sort(Comparator.comparing(WorkerInfo::name));
        return alive;
    }

    @Override
    public Map<String, Long> queueDepths() {
        List<?> flat = link.eval(LuaScript.DEPTHS, ScriptOutputType.MULTI, keys.prefix());
        Map<String, Long> depths = new TreeMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            depths.put((String) flat.get(i), ((Number) flat.get(i + 1)).longValue());
        }
        return depths;
    }

    @Override
    public List<TaskRecord> active() {
        return records(link.call(c -> c.zrange(keys.leases(), 0, -1)));
    }

    @Override
    public List<TaskRecord> scheduled() {
        return records(link.call(c -> c.zrange(keys.scheduled(), 0, -1)));
    }

    /** The records of these ids in one round trip; ids whose record is gone are left out. */
    private List<TaskRecord> records(Collection<String> ids) {
        List<RedisFuture<Map<String, String>>> pending = new ArrayList<>();
        for (String id : ids) {
            pending.add(link.send(c -> c.hgetall(keys.task(id))));
        }
        List<TaskRecord> records = new ArrayList<>();
        for (RedisFuture<Map<String, String>> future : pending) {
            Map<String, String> fields = link.await(future);
            if (!fields.isEmpty()) {
                records.add(TaskHash.read(fields));
            }
        }
        return records;
    }

    @Override
    public long purge(String queue) {
        Number dropped = link.eval(LuaScript.PURGE, ScriptOutputType.INTEGER, keys.prefix(),
                queue == null ? "" : queue, "task purged", Long.toString(settings.resultExpiry().toMillis()),
                historyBacklog);
        return dropped.longValue();
    }

    @Override
    public TaskPage tasks(TaskQuery query) {
        return new RedisTaskListing(link, keys, query).page();
    }

    @Override
    public String lastEventId() {
        List<StreamMessage<String, String>> newest = link.call(c -> c.xrevrange(keys.events(), Range.unbounded(),
                Limit.from(1)));
        return newest.isEmpty() ? EventIds.START : EventEntry.lastEventIdOf(newest.getFirst().getId());
    }

    /**
     * Events come from stream entries of up to {@link EventEntry#MOST_EVENTS} each. After an id in the middle of an
     * entry the rest of that entry comes first (read again from Redis); after an entry's last event the read
     * starts with the next entry and may wait for it.
     */
    @Override
    public List<BrokerEvent> events(String afterId, int most, Duration wait) {
        if (System.nanoTime() - lastWorkerSweep >= WORKER_SWEEP_NANOS) {
            dropSilentWorkers();
        }
        EventEntry.Position after = EventEntry.Position.of(afterId);
        List<BrokerEvent> events = new ArrayList<>();
        if (!after.endsItsEntry()) {
            readEvents(after.beforeEntryId(), after, most, Duration.ZERO, events);
        }
        if (events.isEmpty()) {
            readEvents(after.entryId(), after, most, wait, events);
        }
        return events;
    }

    /**
     * Adds up to {@code most} events from the entries after {@code fromEntry} to {@code events}, leaving out those
     * at or before {@code after}; only the first read waits. Entries are read a few at a time, as one may hold
     * many events.
     */
    private void readEvents(String fromEntry, EventEntry.Position after, int most, Duration wait,
                            List<BrokerEvent> events) {
        String from = fromEntry;
        boolean mayWait = !(wait.isZero() || wait.isNegative());
        while (events.size() < most) {
            int entries = Math.min(most - events.size(), EVENT_ENTRIES_PER_READ);
            XReadArgs.StreamOffset<String> offset = XReadArgs.StreamOffset.from(keys.events(), from);
            List<StreamMessage<String, String>> read;
            if (mayWait) {
                // a blocked read must answer before OSINT_REDIS_TIMEOUT ends it as a failure
                Duration cap = link.commandTimeout().dividedBy(2);
                long block = Math.max(1, Math.min(wait.toMillis(), Math.min(cap.toMillis(),
                        MAX_EVENT_BLOCK.toMillis())));
                read = link.callBlocking(c -> c.xread(XReadArgs.Builder.block(block).count(entries), offset));
                mayWait = false;
            } else {
                read = link.call(c -> c.xread(XReadArgs.Builder.count(entries), offset));
            }
            if (read == null || read.isEmpty()) {
                return;
            }
            for (StreamMessage<String, String> message : read) {
                List<BrokerEvent> unpacked = EventEntry.read(message.getId(), message.getBody(), after);
                events.addAll(unpacked.subList(0, Math.min(unpacked.size(), most - events.size())));
                if (events.size() == most) {
                    return;
                }
            }
            if (read.size() < entries) {
                return;
            }
            from = read.getLast().getId();
        }
    }

    @Override
    public TaskStatistics.Snapshot statistics() {
        return StatsHash.read(link.call(c -> c.hgetall(keys.stats())));
    }

    /** How many final states were written, per state, since the prefix was first used: one per task, ever. */
    public Map<TaskState, Long> finishedCounts() {
        Map<String, String> counts = link.call(c -> c.hgetall(keys.finished()));
        Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
        counts.forEach((state, count) -> byState.put(TaskState.valueOf(state), Long.parseLong(count)));
        return byState;
    }

    /**
     * The history stream, read in the consumer group {@code history} under a name of this process's own; every
     * process that reads it shares the work, and takes over what a dead reader left unacknowledged.
     */
    @Override
    public Optional<FinishedTasks> finishedTasks() {
        if (historyBacklog.equals("0")) {
            return Optional.empty();
        }
        RedisFinishedTasks reader = finished;
        if (reader == null) {
            synchronized (this) {
                if (finished == null) {
                    finished = new RedisFinishedTasks(link, keys, claimAfter);
                }
                reader = finished;
            }
        }
        return Optional.of(reader);
    }

    /** Permits shared through Redis by every process that uses this key prefix. */
    @Override
    public RateLimiter rateLimiter() {
        return new RedisRateLimiter(this);
    }

    @Override
    public Watch onChildEnded(String parentId, Runnable signal) {
        return childEnds.add(parentId, signal);
    }

    @Override
    public boolean ping() {
        return link.ping();
    }

    /** {@code host:port} of the Redis server, for health pages and messages. */
    public String address() {
        return link.address();
    }

    @Override
    public void close() {
        wakeups.signal();
        enqueues.close();
        admissions.close();
        submissions.close();
        finishes.close();
        progress.close();
        link.close();
    }
}
