package dev.osint.server;

import dev.osint.queue.Broker;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker knows, read at each scrape: the task figures of {@link TaskMetrics}, {@code osint_queue_depth{queue}}
 * and {@code osint_workers_live}; with Redis, those of the whole cluster. {@code osint_broker_up} is 0, and the rest
 * left out, while the broker does not answer, so a scrape never fails for it.
 */
final class BrokerMetrics implements MultiCollector {
    private static final Logger log = LoggerFactory.getLogger(BrokerMetrics.class);

    private final Broker broker;

    BrokerMetrics(Broker broker) {
        this.broker = broker;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        boolean up;
        try {
            TaskMetrics.snapshots(broker.statistics()).forEach(snapshots::add);
            snapshots.add(depths(broker.queueDepths()));
            snapshots.add(gauge("osint_workers_live", "Workers whose heartbeat is recent", broker.workers().size()));
            up = true;
        } catch (RuntimeException e) {
            log.warn("metrics: broker {} does not answer ({}); task figures left out of this scrape", broker.kind(),
                    e.getMessage());
            snapshots.clear();
            up = false;
        }
        snapshots.add(gauge("osint_broker_up", "1 when the broker answered this scrape, else 0", up ? 1 : 0));
        return new MetricSnapshots(snapshots);
    }

    private static GaugeSnapshot depths(Map<String, Long> depths) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("osint_queue_depth")
                .help("Tasks waiting in each queue, due now");
        depths.forEach((queue, depth) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("queue", queue)).value(depth).build()));
        return gauge.build();
    }

    static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
