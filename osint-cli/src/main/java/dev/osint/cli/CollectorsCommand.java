package dev.osint.cli;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Json;
import dev.osint.core.OptionSpec;
import dev.osint.core.OptionType;
import dev.osint.core.SecretSpec;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import dev.osint.server.CollectorView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osint collectors}: what can be scanned, with which targets, and which keys are set. */
@Command(name = "collectors", mixinStandardHelpOptions = true,
        description = "List the collectors: type, accepted targets, whether their keys are set, and their options"
                + " (type, default, bounds, allowed values).")
final class CollectorsCommand implements Runnable {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public void run() {
        CollectorRegistry registry = CollectorRegistry.load();
        Settings settings = Main.settings();
        if (json) {
            List<Map<String, Object>> all = registry.listed().stream().map(c -> describe(c.spec(), settings)).toList();
            System.out.println(Json.write(Map.of("collectors", all)));
            return;
        }
        System.out.printf("%-16s %-26s %-30s %s%n", "TYPE", "NAME", "ACCEPTS", "KEYS");
        for (Collector collector : registry.listed()) {
            CollectorSpec spec = collector.spec();
            System.out.printf("%-16s %-26s %-30s %s%n", spec.type(), spec.name(), kinds(spec), keys(spec, settings));
            for (OptionSpec option : spec.options()) {
                System.out.printf("    -o %-36s %s%n", option.name() + "=" + option.type().wireName().toUpperCase(java.util.Locale.ROOT),
                        rules(option, settings));
            }
        }
    }

    /** "default 5000; 1 to 100000; operator only", as a person reads an option's rules. */
    static String rules(OptionSpec option, Settings settings) {
        List<String> parts = new ArrayList<>();
        parts.add("default " + Json.write(option.defaultValue()));
        if (option.min() != null || option.max() != null) {
            parts.add(option.min() + " to " + option.max());
        }
        if (option.maxItems() != null) {
            parts.add("at most " + option.maxItems() + " items");
        }
        if (option.maxLength() != null) {
            parts.add("at most " + option.maxLength() + " characters" + (option.type() == OptionType.ARRAY
                    ? " each" : ""));
        }
        if (option.choices() != null) {
            parts.add("one of " + String.join(", ", option.allowedValues(settings)));
        }
        if (!option.callerSettable()) {
            parts.add("operator only (not settable through the API)");
        }
        return String.join("; ", parts);
    }

    private static String kinds(CollectorSpec spec) {
        return spec.accepts().stream().map(TargetKind::wireName).sorted().collect(Collectors.joining(","));
    }

    private static String keys(CollectorSpec spec, Settings settings) {
        if (spec.secrets().isEmpty()) {
            return "none needed";
        }
        return spec.secrets().stream()
                .map(s -> s.name() + (settings.hasSecret(s.name()) ? " (set)"
                        : s.required() ? " (MISSING)" : " (optional, not set)"))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> describe(CollectorSpec spec, Settings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", spec.type());
        map.put("name", spec.name());
        map.put("description", spec.description());
        map.put("accepts", spec.accepts().stream().map(TargetKind::wireName).sorted().toList());
        map.put("options", spec.options().stream().map(o -> CollectorView.Option.of(o, settings)).toList());
        map.put("secrets", spec.secrets().stream().map(SecretSpec::name).toList());
        map.put("keys", keys(spec, settings));
        return map;
    }
}
