package dev.osint.collectors.identity;

import dev.osint.core.ScanContext;
import dev.osint.core.TaskFailure;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queues each round's child scans, waits for all of them without holding a worker slot (a chord), and reports
 * progress as children done of children queued so far. Stops queueing at the child budget.
 */
final class SubScanRounds {
    private final ScanContext context;
    private final Duration timeout;
    private final int maxChildren;
    private int queued;
    private int done;
    private boolean interrupted;

    SubScanRounds(ScanContext context, Duration timeout, int maxChildren) {
        this.context = context;
        this.timeout = timeout;
        this.maxChildren = maxChildren;
    }

    /** Whether {@code count} more children fit in the budget, counting those already queued. */
    boolean fits(int count, int alreadyPlanned) {
        return queued + alreadyPlanned + count <= maxChildren;
    }

    /** True once a round was cut short by a revoke or the time limit; no further round should start. */
    boolean interrupted() {
        return interrupted;
    }

    /** Queues the plans, waits for them all, and answers how each went, in plan order. */
    List<ChildScan> run(int round, List<PlannedScan> plans) {
        Map<PlannedScan, String> ids = new LinkedHashMap<>();
        List<ChildScan> skipped = new ArrayList<>();
        for (PlannedScan plan : plans) {
            try {
                ids.put(plan, context.subScans().submit(plan.type(), plan.target(), plan.options()));
                queued++;
            } catch (IllegalArgumentException e) {
                // no such collector here, or it refuses the target or the options: the rest of the plan goes on
                skipped.add(new ChildScan(plan, round, null, ChildScan.SKIPPED, e.getMessage(), null));
            }
        }
        report(round);
        Map<String, TaskRecord> ended = new ConcurrentHashMap<>();
        try {
            List<TaskRecord> records = context.subScans().awaitAll(List.copyOf(ids.values()), timeout, record -> {
                ended.put(record.id(), record);
                done++;
                report(round);
            });
            records.forEach(record -> ended.putIfAbsent(record.id(), record));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        List<ChildScan> outcomes = new ArrayList<>();
        for (PlannedScan plan : plans) {
            String id = ids.get(plan);
            if (id == null) {
                skipped.stream().filter(s -> s.plan() == plan).findFirst().ifPresent(outcomes::add);
            } else {
                outcomes.add(outcome(plan, round, id, ended.get(id)));
            }
        }
        return outcomes;
    }

    private ChildScan outcome(PlannedScan plan, int round, String id, TaskRecord record) {
        if (record == null) {
            return new ChildScan(plan, round, id, ChildScan.UNFINISHED,
                    "the identity scan stopped before this child ended", null);
        }
        if (record.state() == TaskState.SUCCESS) {
            return new ChildScan(plan, round, id, record.state().name(), null, record.result());
        }
        if (TaskFailure.of(record).filter(TaskFailure.NOT_REGISTERED::equals).isPresent()) {
            return new ChildScan(plan, round, id, ChildScan.SKIPPED, record.error(), null);
        }
        String error = record.state().isFinal() ? record.error()
                : "did not end within " + timeout.toSeconds() + " s (options.child_timeout_s)";
        return new ChildScan(plan, round, id, record.state().name(), error, null);
    }

    private void report(int round) {
        double fraction = queued == 0 ? 0 : 0.95 * done / queued;
        context.progress(fraction, "round " + (round + 1) + ": " + done + " of " + queued + " sub-scans done");
    }
}
