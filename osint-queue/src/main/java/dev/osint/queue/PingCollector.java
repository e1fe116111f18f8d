package dev.osint.queue;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The built-in {@code ping} task, like Celery's: it answers with the worker's name and when it ran. */
public final class PingCollector implements Collector {
    private static final CollectorSpec SPEC = CollectorSpec.builder("ping", "PingTask")
            .description("Built-in: answers with the name of the worker that ran it and its timestamps")
            .accepts(TargetKind.values())
            .unlisted()
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) {
        return CollectorOutput.found(Map.of("pong", true, "worker", context.workerName(), "ran_at",
                Instant.now().toString()), List.of());
    }
}
