package dev.osint.queue;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Options;
import dev.osint.core.Priority;
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
    private final Clock clock;

    public ScanService(CollectorRegistry registry, Broker broker, Clock clock) {
        this.registry = registry;
        this.broker = broker;
        this.clock = clock;
    }

    public ScanService(CollectorRegistry registry, Broker broker) {
        this(registry, broker, Clock.systemUTC());
    }

    /**
     * Validates and queues a scan.
     *
     * @throws UnknownCollectorException          the type names no collector
     * @throws dev.osint.core.InvalidTargetException the target is not of a kind the collector accepts
     * @throws Options.InvalidOptionsException    an option is unknown or of the wrong type
     */
    public TaskRecord submit(ScanRequest request) {
        return submitTo(request, null);
    }

    /** As {@link #submit}, onto {@code queue} instead of the collector's own (null: the collector's). */
    public TaskRecord submitTo(ScanRequest request, String queue) {
        Collector collector = registry.get(request.type())
                .orElseThrow(() -> new UnknownCollectorException(request.type(), registry.types()));
        Target target = TargetParser.parse(request.target(), collector.spec().accepts());
        Options options = Options.validate(collector.spec().options(), request.options());
        TaskRecord task = TaskRecord.pending(UUID.randomUUID().toString(), collector.spec().type(), target,
                options.asMap(), queue != null ? queue : collector.spec().queue(),
                request.priority() == null ? Priority.NORMAL : request.priority(), request.parentId(),
                clock.instant());
        broker.enqueue(task);
        log.info("task {} PENDING: {} {} on queue {}", task.id(), task.type(), target, task.queue());
        return task;
    }

    /**
     * Queues a finished task's request again (target, type, options, priority, on its queue) as a new task, validated
     * like any submit; empty when the task is unknown or expired.
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
                null), old.queue());
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
