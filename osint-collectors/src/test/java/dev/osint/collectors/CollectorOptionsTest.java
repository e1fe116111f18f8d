package dev.osint.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import dev.osint.core.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every option of every collector has real bounds, and its default keeps them, so nothing unbounded is queued. */
class CollectorOptionsTest {
    private final CollectorRegistry registry = CollectorRegistry.load();

    @Test
    void everyOptionOfEveryCollectorIsBounded() {
        List<String> unbounded = new ArrayList<>();
        for (Collector collector : registry.all()) {
            for (OptionSpec option : collector.spec().options()) {
                if (!option.isBounded()) {
                    unbounded.add(collector.spec().type() + "." + option.name() + " (" + option.type().wireName() + ")");
                }
            }
        }
        assertThat(unbounded).as("options without a range, a length, a count or allowed values").isEmpty();
    }

    @Test
    void everyCollectorAcceptsItsOwnDefaults() {
        for (Collector collector : registry.all()) {
            Map<String, Object> defaults = new java.util.HashMap<>();
            collector.spec().options().stream().filter(OptionSpec::callerSettable)
                    .forEach(o -> defaults.put(o.name(), o.defaultValue()));

            assertThat(Options.validate(collector.spec().options(), defaults, new Settings(Map.of()),
                    Options.Requester.CALLER).asMap()).as(collector.spec().type())
                    .containsOnlyKeys(collector.spec().options().stream().map(OptionSpec::name).toList());
        }
    }
}
