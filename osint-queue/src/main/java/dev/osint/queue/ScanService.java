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
     * Validates and queues a scan asked for by a caller of the API (or by a running scan, for its children):
     * operator-only options are refused.
     *
     * @throws UnknownCollectorException          the type names no collector
     * @throws dev.osint.core.InvalidTargetException the target is not of a kind the collector accepts
     * @throws Options.InvalidOptionsException    an option is unknown, of the wrong type, out of range, not one of
     *                                            the allowed values, or operator-only
     */
    public TaskRecord submit(ScanRequest request) {
        return submit(request, Requester.CALLER);
    }

    /** As {@link #submit(ScanRequest)}, for {@code requester}: the operator may set operator-only options. */
    public TaskRecord submit(ScanRequest request, Requester requester) {
        return submitTo(request, null, requester);
    }

    /** As {@link #submit}, onto {@code queue} instead of the collector's own (null: the collector's). */
    public TaskRecord submitTo(ScanRequest request, String queue) {
        return submitTo(request, queue, Requester.CALLER);
    }

    private TaskRecord submitTo(ScanRequest request, String queue, Requester requester) {
        Collector collector = registry.get(request.type())
                .orElseThrow(() -> new UnknownCollectorException(request.type(), registry.types()));
        Target target = TargetParser.parse(request.target(), collector.spec().accepts());
        Options options = Options.validate(collector.spec().options(), request.options(), settings, requester);
        TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), collector.spec().type(), target,
                options.asMap(), queue != null ? queue : collector.spec().queue(),
                request.priority() == null ? Priority.NORMAL : request.priority(), request.parentId(),
                clock.instant());
        broker.enqueue(task);
        log.info("task {} PENDING: {} {} on queue {}", task.id(), task.type(), target, task.queue());
        return task;
    }

    /**
     * Queues a finished task's request again (target, type, options, priority, on its queue) as a new task; empty when
     * the task is unknown or expired. The options are the task's own, every one of them with its default filled in
     * when it was accepted, not a caller's choice: they are checked again as the operator's would be, so an
     * operator-only option at its default does not refuse the re-run.
     *
     * @throws TaskNotFinishedException the task still waits or runs
     */
    public Optional<TaskRecord> resubmit(String taskId) {
        Optional<TaskRecord> previous = broker.get(taskId);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        TaskRecord old = previous.get();
        if (!old.state().isFinal()) {
            throw new TaskNotFinishedException(taskId, old.state());
        }
        TaskRecord task = submitTo(new ScanRequest(old.target().value(), old.type(), old.options(), old.priority(),
                null), old.queue(), Requester.OPERATOR);
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
