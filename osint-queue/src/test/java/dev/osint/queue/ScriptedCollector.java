package dev.osint.queue;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.OptionSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.concurrent.atomic.AtomicInteger;

/** A collector whose behaviour a test writes as a lambda; counts its runs. */
public final class ScriptedCollector implements Collector {
    /** The body of a scripted scan. */
    @FunctionalInterface
    public interface Script {
        CollectorOutput run(ScanContext context, int run) throws Exception;
    }

    private final CollectorSpec spec;
    private final Script script;
    public final AtomicInteger runs = new AtomicInteger();

    public ScriptedCollector(String type, Script script) {
        this.spec = CollectorSpec.builder(type, "Scripted" + type).description("test collector")
                .accepts(TargetKind.values()).options(OptionSpec.integer("sleep_ms", 0, "how long to sleep")).build();
        this.script = script;
    }

    @Override
    public CollectorSpec spec() {
        return spec;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        return script.run(context, runs.incrementAndGet());
    }
}
