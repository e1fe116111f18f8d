package dev.osint.server;

import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.OptionSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.List;
import java.util.Map;

/**
 * A collector for fuzzing the API: takes every target kind and an option of each type, and ends as its type says
 * ({@code echo} succeeds, {@code fails} fails, {@code crashes} throws what no collector should, {@code sleepy}
 * takes a little while), so that every accepted task has an end to reach without leaving this machine.
 */
final class FuzzTargetCollector implements Collector {
    private final CollectorSpec spec;

    FuzzTargetCollector(String type) {
        this.spec = CollectorSpec.builder(type, "Fuzz" + type).description("a collector for fuzzing the API")
                .accepts(TargetKind.values())
                .options(OptionSpec.bool("flag", false, "a boolean"),
                        OptionSpec.integer("count", 3, "a whole number"),
                        OptionSpec.string("label", "", "a text"),
                        OptionSpec.list("names", "a list of texts"),
                        OptionSpec.integer("sleep_ms", 0, "how long to take, at most 100 ms"))
                .build();
    }

    static List<Collector> all() {
        return List.of(new FuzzTargetCollector("echo"), new FuzzTargetCollector("fails"),
                new FuzzTargetCollector("crashes"), new FuzzTargetCollector("sleepy"));
    }

    @Override
    public CollectorSpec spec() {
        return spec;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        return switch (spec.type()) {
            case "fails" -> throw new CollectorException("the fuzz upstream said no");
            case "crashes" -> throw new IllegalStateException("a bug in a collector");
            case "sleepy" -> {
                Thread.sleep(Math.clamp(context.options().integer("sleep_ms"), 0, 100));
                yield CollectorOutput.found(Map.of("slept", true), List.of());
            }
            default -> CollectorOutput.found(Map.of("target", context.target().value(),
                    "options", context.options().asMap()), List.of());
        };
    }
}
