package dev.osint.queue;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.InvalidTargetException;
import dev.osint.core.Options;
import dev.osint.core.Options.Requester;
import dev.osint.core.Priority;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.TargetParser;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits, reads and cancels scans; validates everything before anything is queued. Knows nothing of HTTP. */
public final class ScanService {
    private static final Logger log = LoggerFactory.getLogger(ScanService.class);

    private final CollectorRegistry registry;
    private final Broker broker;
    private final Settings settings;
    private final Clock clock;
    private final QueueDrain queueDrain = new QueueDrain();

    /**
     * @param settings read for the options whose allowed values the operator configures (e.g. wordlists); the
     *                 API and the workers should see the same ones
     */
    public ScanService(CollectorRegistry registry, Broker broker, Settings settings, Clock clock) {
        this.registry = registry;
        this.broker = broker;
        this.settings = settings;
        this.clock = clock;
    }

    public ScanService(CollectorRegistry registry, Broker broker, Settings settings) {
        this(registry, broker, settings, Clock.systemUTC());
    }

    /** With the environment's settings. */
    public ScanService(CollectorRegistry registry, Broker broker, Clock clock) {
        this(registry, broker, Settings.fromEnvironment(), clock);
    }

    /** With the environment's settings. */
    public ScanService(CollectorRegistry registry, Broker broker) {
        this(registry, broker, Clock.systemUTC());
    }

    /**
     * Validates and queues a scan asked for by a caller (or by a running scan, for its children): operator-only
     * options are refused. Its owner is {@link TaskRecord#LOCAL_OWNER}, with no quota.
     *
     * @throws UnknownCollectorException          the type names no collector
     * @throws dev.osint.core.InvalidTargetException the target is not of a kind the collector accepts
     * @throws Options.InvalidOptionsException    an option is unknown, of the wrong type, out of range, not one of
     *                                            the allowed values, or operator-only
     */
    public TaskRecord submit(ScanRequest request) {
        return submit(request, null, Requester.CALLER, TaskRecord.LOCAL_OWNER, SubmissionQuotas.NONE);
    }

    /** As {@link #submit(ScanRequest)}, for {@code requester}: the operator may set operator-only options. */
    public TaskRecord submit(ScanRequest request, Requester requester) {
        return submit(request, null, requester, TaskRecord.LOCAL_OWNER, SubmissionQuotas.NONE);
    }

    /**
     * As {@link #submit(ScanRequest)} for a caller of the API: validates the scan, then asks the broker to admit it
     * under {@code quotas} for {@code owner}, then queues it; an invalid request spends no quota.
     *
     * @param owner who submits it (an API key's id, {@code anonymous@address}); recorded in the task, never a secret
     * @throws QuotaExceededException a quota refused it; nothing was queued
     */
    public TaskRecord submit(ScanRequest request, String owner, SubmissionQuotas quotas) {
        return submit(request, null, Requester.CALLER, owner, quotas);
    }

    /** As {@link #submit(ScanRequest)}, onto {@code queue} instead of the collector's own (null: the collector's). */
    public TaskRecord submitTo(ScanRequest request, String queue) {
        return submit(request, queue, Requester.CALLER, TaskRecord.LOCAL_OWNER, SubmissionQuotas.NONE);
    }

    private TaskRecord submit(ScanRequest request, String queue, Requester requester, String owner,
                              SubmissionQuotas quotas) {
        Collector collector = registry.get(request.type())
                .orElseThrow(() -> new UnknownCollectorException(request.type(), registry.types()));
        Target target = TargetParser.parse(request.target(), collector.spec().accepts());
        Options options = Options.validate(collector.spec().options(), request.options(), settings, requester);
        TaskRecord task = TaskRecord.pending(TaskIdSource.next(), collector.spec().type(), target,
                options.asMap(), queue != null ? queue : collector.spec().queue(),
                request.priority() == null ? Priority.NORMAL : request.priority(), request.parentId(),
                clock.instant()).withOwner(owner);
        if (quotas.isNone()) {
            broker.enqueue(task);
        } else {
            refuseUnless(broker.admitAndEnqueue(task, quotas), task, quotas);
        }
        log.debug("task {} PENDING: {} {} on queue {}", task.id(), task.type(), target, task.queue());
        return task;
    }

    /** Asks the broker to let the task's owner queue it; throws when a quota says no. */
    private void admit(TaskRecord task, SubmissionQuotas quotas) {
        if (quotas.isNone()) {
            return;
        }
        refuseUnless(broker.admit(task.owner(), task.id(), quotas), task, quotas);
    }

    /** Throws when a quota refused the task. */
    private void refuseUnless(Admission admission, TaskRecord task, SubmissionQuotas quotas) {
        if (!admission.admitted()) {
            log.info("scan refused for {}: {} quota ({}) reached", task.owner(), admission.refusedBy(),
                    quotas.limitOf(admission.refusedBy()));
            Duration retryAfter = admission.refusedBy() == SubmissionQuotas.Quota.QUEUE_LENGTH
                    ? queueDrain.untilFinished(1, finishedSoFar(), System.nanoTime(), admission.retryAfter())
                    : admission.retryAfter();
            throw new QuotaExceededException(admission.refusedBy(), quotas.limitOf(admission.refusedBy()),
                    retryAfter);
        }
    }

    /** Every task that reached a final state, by the broker's counts. */
    private long finishedSoFar() {
        return broker.statistics().finished().values().stream()
                .flatMap(byState -> byState.values().stream()).mapToLong(Long::longValue).sum();
    }

    /**
     * Queues a finished task's request again (target, type, options, priority, on its queue) as a new task; empty when
     * the task is unknown or expired. The options are the task's own, every one of them with its default filled in
     * when it was accepted, not a caller's choice: they are checked again as the operator's would be, so an
     * operator-only option at its default does not refuse the re-run. The new task is {@code owner}'s, admitted under
     * {@code quotas} like any submission.
     *
     * @throws TaskNotFinishedException the task still waits or runs
     * @throws QuotaExceededException   a quota refused it; nothing was queued
     */
    public Optional<TaskRecord> resubmit(String taskId, String owner, SubmissionQuotas quotas) {
        Optional<TaskRecord> previous = broker.get(taskId);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        TaskRecord old = previous.get();
        if (!old.state().isFinal()) {
            throw new TaskNotFinishedException(taskId, old.state());
        }
        TaskRecord task = submit(new ScanRequest(old.target().value(), old.type(), old.options(), old.priority(),
                null), old.queue(), Requester.OPERATOR, owner, quotas);
        log.info("task {} runs the request of finished task {} again", task.id(), taskId);
        return Optional.of(task);
    }

    /**
     * Validates and queues a scan of an uploaded file: the file is stored under the new task's id before the task
     * is queued, so whichever worker takes it can read it, and is deleted again should queueing fail.
     *
     * @param fileName the name the client gave the file, shown as the target (a cleaned form of it)
     * @throws UnknownCollectorException          the type names no collector
     * @throws dev.osint.core.InvalidTargetException the collector does not take uploaded files
     * @throws Options.InvalidOptionsException    an option is unknown or of the wrong type
     */
    public TaskRecord submitUpload(String type, String fileName, byte[] content, Map<String, Object> givenOptions,
                                   Priority priority) {
        return submitUpload(type, fileName, content, givenOptions, priority, Requester.CALLER);
    }

    /** As {@link #submitUpload(String, String, byte[], Map, Priority)}, with the options checked for {@code requester}. */
    public TaskRecord submitUpload(String type, String fileName, byte[] content, Map<String, Object> givenOptions,
                                   Priority priority, Requester requester) {
        return submitUpload(type, fileName, content, givenOptions, priority, requester, TaskRecord.LOCAL_OWNER,
                SubmissionQuotas.NONE);
    }

    /**
     * As {@link #submitUpload(String, String, byte[], Map, Priority)} for a caller of the API: admitted under
     * {@code quotas} for {@code owner} before the file is stored.
     *
     * @throws QuotaExceededException a quota refused it; nothing was stored or queued
     */
    public TaskRecord submitUpload(String type, String fileName, byte[] content, Map<String, Object> givenOptions,
                                   Priority priority, Requester requester, String owner, SubmissionQuotas quotas) {
        Collector collector = registry.get(type).orElseThrow(() -> new UnknownCollectorException(type,
                registry.types()));
        if (!collector.spec().accepts().contains(TargetKind.FILE)) {
            throw new InvalidTargetException("collector '" + type + "' does not read uploaded files; upload to one"
                    + " that does (metadata), or send its target to POST /api/v1/scan", collector.spec().accepts());
        }
        Options options = Options.validate(collector.spec().options(), givenOptions, settings, requester);
        TaskRecord task = TaskRecord.pending(TaskIdSource.next(), collector.spec().type(),
                new Target(TargetKind.FILE, UploadNames.clean(fileName)), options.asMap(), collector.spec().queue(),
                priority == null ? Priority.NORMAL : priority, null, clock.instant()).withOwner(owner);
        admit(task, quotas);
        broker.blobs().put(task.id(), content);
        try {
            broker.enqueue(task);
        } catch (RuntimeException e) {
            broker.blobs().delete(task.id());
            throw e;
        }
        log.debug("task {} PENDING: {} upload of {} bytes on queue {}", task.id(), task.type(), content.length,
                task.queue());
        return task;
    }

    public Optional<TaskRecord> status(String taskId) {
        return broker.get(taskId);
    }

    /** {@link #status} as {@link Broker#getAsync} answers it: nothing blocks on a broker over the network. */
    public CompletionStage<Optional<TaskRecord>> statusAsync(String taskId) {
        return broker.getAsync(taskId);
    }

    /** Revokes the task; empty when it is unknown or expired. */
    public Optional<TaskState> cancel(String taskId) {
        Optional<TaskState> state = broker.revoke(taskId);
        state.ifPresent(s -> log.info("task {} cancel requested: now {}", taskId, s));
        if (state.filter(TaskState::isFinal).isPresent()) {
            // an uploaded file is not kept past its task; a running task's worker has read it already
            broker.blobs().delete(taskId);
        }
        return state;
    }

    public CollectorRegistry registry() {
        return registry;
    }

    public Broker broker() {
        return broker;
    }
}
