package dev.osint.queue;

import static dev.osint.queue.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.CollectorSpec;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import dev.osint.core.Priority;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.queue.memory.MemoryBroker;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may set which option, wherever a scan is asked for: a caller of the API and a running scan's children keep
 * to the caller's rules, the operator (the CLI in-process) may set operator-only options, and the worker checks
 * a task's options again whoever wrote it.
 */
class ScanServiceOptionsTest {
    private final MemoryBroker broker = new MemoryBroker(BrokerSettings.DEFAULTS);
    private final List<String> childRefusals = new CopyOnWriteArrayList<>();
    private final Collector limited = new Collector() {
        private final CollectorSpec spec = CollectorSpec.builder("limited", "Limited").accepts(TargetKind.DOMAIN)
                .options(OptionSpec.integer("rate", 10, "per second").range(1, 100).operatorOnly(),
                        OptionSpec.integer("pages", 1, "pages").range(1, 5))
                .build();

        @Override public CollectorSpec spec() { return spec; }

        @Override
        public CollectorOutput collect(ScanContext context) {
            return CollectorOutput.found(Map.of("rate", context.options().integer("rate")), List.of());
        }
    };
    private final Collector parent = new ScriptedCollector("parent", (ctx, run) -> {
        try {
            ctx.subScans().submit("limited", "child.example.test", Map.of("rate", 100));
        } catch (Options.InvalidOptionsException e) {
            childRefusals.add(e.getMessage());
        }
        return CollectorOutput.found(Map.of(), List.of());
    });
    private final CollectorRegistry registry = new CollectorRegistry(List.of(limited, parent));
    private final ScanService scans = new ScanService(registry, broker, new Settings(Map.of()));
    private Worker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        broker.close();
    }

    private static ScanRequest request(Map<String, Object> options) {
        return new ScanRequest("example.test", "limited", options, Priority.NORMAL, null);
    }

    @Test
    void aCallerMayNotSetAnOperatorOnlyOptionAndNothingIsQueued() {
        assertThatThrownBy(() -> scans.submit(request(Map.of("rate", 50))))
                .isInstanceOf(Options.InvalidOptionsException.class)
                .hasMessage("options.rate: is set by the operator only; leave it out of the request (default 10)");
        assertThat(broker.queueDepths().values()).allMatch(depth -> depth == 0);
    }

    @Test
    void theOperatorMayWithinItsBounds() {
        assertThat(scans.submit(request(Map.of("rate", 50)), Options.Requester.OPERATOR).options())
                .containsEntry("rate", 50);
        assertThatThrownBy(() -> scans.submit(request(Map.of("rate", 500)), Options.Requester.OPERATOR))
                .hasMessage("options.rate: must be from 1 to 100, got 500");
    }

    @Test
    void aChildScanKeepsToTheCallersRulesAndTheWorkerChecksAgain() {
        worker = new Worker(broker, registry, WorkerSettings.from(new Settings(Map.of())).withName("w")
                .withConcurrency(2), ScanEnvironment.from(new Settings(Map.of()), new LocalRateLimiter()),
                Duration.ofSeconds(5)).start();
        TaskRecord written = aTask().ofType("limited").withOptions(Map.of("pages", 9)).build();
        broker.enqueue(written);
        scans.submit(new ScanRequest("example.test", "parent", Map.of(), Priority.NORMAL, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.get(written.id()).orElseThrow().state().isFinal());
        assertThat(broker.get(written.id()).orElseThrow().error())
                .isEqualTo("InvalidOptions: options.pages: must be from 1 to 5, got 9");
        await().atMost(Duration.ofSeconds(10)).until(() -> !childRefusals.isEmpty());
        assertThat(childRefusals).containsExactly("options.rate: is set by the operator only; leave it out of the"
                + " request (default 10)");
    }
}
