package dev.osint.server;

import dev.osint.core.TaskState;
import dev.osint.queue.TaskStatistics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Task figures as Prometheus metrics, read at scrape time: {@code osint_tasks_finished_total{type,state}},
 * {@code osint_task_retries_total{type}} and {@code osint_task_runtime_seconds{type}} (a histogram of the run time of
 * each task's last attempt, SUCCESS and FAILURE). The figures come from the broker (the whole cluster, for Redis) on
 * the API, and from the worker itself on {@code osint worker --metrics-port}.
 */
final class TaskMetrics implements MultiCollector {
    static final String FINISHED = "osint_tasks_finished";
    static final String RETRIES = "osint_task_retries";
    static final String RUNTIME = "osint_task_runtime_seconds";
    private static final double[] BOUNDS_SECONDS = bounds();

    private final Supplier<TaskStatistics.Snapshot> figures;

    TaskMetrics(Supplier<TaskStatistics.Snapshot> figures) {
        this.figures = figures;
    }

    @Override
    public MetricSnapshots collect() {
        return snapshots(figures.get());
    }

    static MetricSnapshots snapshots(TaskStatistics.Snapshot figures) {
        CounterSnapshot.Builder finished = CounterSnapshot.builder().name(FINISHED)
                .help("Tasks that reached a final state, by collector type and state");
        figures.finished().forEach((type, byState) -> byState.forEach((TaskState state, Long count) ->
                finished.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("type", type, "state", state.name())).value(count).build())));
        CounterSnapshot.Builder retries = CounterSnapshot.builder().name(RETRIES)
                .help("Retries scheduled after a retryable failure, by collector type");
        figures.retries().forEach((type, count) -> retries.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("type", type)).value(count).build()));
        HistogramSnapshot.Builder runtime = HistogramSnapshot.builder().name(RUNTIME)
                .help("Run time of a task's last attempt, from its start on a worker to SUCCESS or FAILURE");
        for (Map.Entry<String, TaskStatistics.RunTimes> entry : figures.runTimes().entrySet()) {
            runtime.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(Labels.of("type", entry.getKey()))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, counts(entry.getValue())))
                    .sum(entry.getValue().sumMillis() / 1000.0).build());
        }
        return MetricSnapshots.of(finished.build(), retries.build(), runtime.build());
    }

    /** The bucket bounds in seconds, then +Inf. */
    private static double[] bounds() {
        double[] bounds = new double[TaskStatistics.RUNTIME_BUCKETS_MS.size() + 1];
        for (int i = 0; i < TaskStatistics.RUNTIME_BUCKETS_MS.size(); i++) {
            bounds[i] = TaskStatistics.RUNTIME_BUCKETS_MS.get(i) / 1000.0;
        }
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    /** Runs per bucket (not cumulative), the runs longer than the last bound in +Inf. */
    private static long[] counts(TaskStatistics.RunTimes runTimes) {
        long[] counts = new long[BOUNDS_SECONDS.length];
        long inBuckets = 0;
        for (int i = 0; i < runTimes.buckets().size(); i++) {
            counts[i] = runTimes.buckets().get(i);
            inBuckets += counts[i];
        }
        counts[counts.length - 1] = Math.max(0, runTimes.count() - inBuckets);
        return counts;
    }
}
