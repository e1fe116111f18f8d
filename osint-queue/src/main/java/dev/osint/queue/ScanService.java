package dev.osint.queue;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Options;
import dev.osint.core.Options.Requester;
import dev.osint.core.Priority;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.TargetParser;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits, reads and cancels scans; validates everything before anything is queued. Knows nothing of HTTP. */
public final class ScanService {
    private static final Logger log = LoggerFactory.getLogger(ScanService.class);

    private final CollectorRegistry registry;
    private final Broker broker;
    private final Settings settings;
    private final Clock clock;

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
        TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), collector.spec().type(), target,
                options.asMap(), queue != null ? queue : collector.spec().queue(),
                request.priority() == null ? Priority.NORMAL : request.priority(), request.parentId(),
                clock.instant()).withOwner(owner);
        if (!quotas.isNone()) {
            Admission admission = broker.admit(owner, task.id(), quotas);
            if (!admission.admitted()) {
                log.info("scan refused for {}: {} quota ({}) reached", owner, admission.refusedBy(),
                        quotas.limitOf(admission.refusedBy()));
                throw new QuotaExceededException(admission.refusedBy(), quotas.limitOf(admission.refusedBy()),
                        admission.retryAfter());
            }
        }
        broker.enqueue(task);
        log.info("task {} PENDING: {} {} on queue {}", task.id(), task.type(), target, task.queue());
        return task;
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

    public Optional<TaskRecord> status(String taskId) {
        return broker.get(taskId);
    }

    /** Revokes the task; empty when it is unknown or expired. */
    public Optional<TaskState> cancel(String taskId) {
        Optional<TaskState> state = broker.revoke(taskId);
        state.ifPresent(s -> log.info("task {} cancel requested: now {}", taskId, s));
        return state;
    }

    public CollectorRegistry registry() {
        return registry;
    }

    public Broker broker() {
        return broker;
    }
}
