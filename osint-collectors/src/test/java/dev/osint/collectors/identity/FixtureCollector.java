package dev.osint.collectors.identity;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.OptionSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A collector of a real type ({@code username}, {@code social}, …) that answers from data the test owns, in the
 * shape the real collector documents; it records every target it was asked about.
 */
final class FixtureCollector implements Collector {
    /** What the collector does for one target. */
    @FunctionalInterface
    interface Answer {
        CollectorOutput answer(ScanContext context) throws Exception;
    }

    private final CollectorSpec spec;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** Every target scanned, in order, with its options: {@code "jdoe {platforms=[gravatar]}"}. */
    final List<String> scanned = new CopyOnWriteArrayList<>();

    FixtureCollector(String type, List<TargetKind> accepts, OptionSpec... options) {
        this.spec = CollectorSpec.builder(type, "Fixture" + type).accepts(accepts.toArray(TargetKind[]::new))
                .options(options).build();
    }

    FixtureCollector answering(String target, Answer answer) {
        answers.put(target, answer);
        return this;
    }

    FixtureCollector answering(String target, CollectorOutput output) {
        return answering(target, context -> output);
    }

    List<String> targets() {
        return scanned.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
    }

    @Override
    public CollectorSpec spec() {
        return spec;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        String target = context.target().value();
        scanned.add(target + " " + context.options().asMap());
        Answer answer = answers.get(target);
        return answer == null ? CollectorOutput.notFound("nothing known about " + target, Map.of())
                : answer.answer(context);
    }
}
