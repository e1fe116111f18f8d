package dev.osint.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.OptionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The options the README and docs/ show in examples (an API body's {@code "options"}, the CLI's {@code -o NAME=…})
 * are options the collector declares, unless the example shows the API refusing them as unknown.
 */
class OptionExamplesDocTest {
    private static final Pattern API_EXAMPLE = Pattern.compile(
            "\"type\":\\s*\"(\\w+)\",\\s*\"options\":\\s*\\{([^}]*)}");
    private static final Pattern CLI_EXAMPLE = Pattern.compile("osint scan (\\w+) \\S+((?: -o \\w+=\\S+)+)");
    private static final Pattern JSON_NAME = Pattern.compile("\"(\\w+)\":");
    private static final Pattern CLI_NAME = Pattern.compile("-o (\\w+)=");

    private final CollectorRegistry registry = CollectorRegistry.load();

    @Test
    void everyOptionInAnExampleIsDeclaredByItsCollector() throws IOException {
        List<String> unknown = new ArrayList<>();
        int examples = 0;
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            for (Pattern example : List.of(API_EXAMPLE, CLI_EXAMPLE)) {
                Matcher found = example.matcher(text);
                while (found.find()) {
                    examples++;
                    Matcher name = (example == API_EXAMPLE ? JSON_NAME : CLI_NAME).matcher(found.group(2));
                    while (name.find()) {
                        String option = name.group(1);
                        if (!declares(found.group(1), option) && !shownRefused(text, option)) {
                            unknown.add(doc + ": " + found.group(1) + " has no option " + option);
                        }
                    }
                }
            }
        }
        assertThat(examples).as("examples found in README.md and docs/").isGreaterThanOrEqualTo(4);
        assertThat(unknown).isEmpty();
    }

    private boolean declares(String type, String option) {
        Optional<Collector> collector = registry.get(type);
        return collector.isPresent()
                && collector.get().spec().options().stream().map(OptionSpec::name).anyMatch(option::equals);
    }

    /** The example is the request of a 422 whose answer names the option as unknown. */
    private static boolean shownRefused(String text, String option) {
        return text.contains("{\"field\": \"options." + option + "\", \"problem\": \"unknown option");
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("..", "docs"))) {
            List<Path> all = new ArrayList<>(files.filter(f -> f.toString().endsWith(".md")).sorted().toList());
            all.add(Path.of("..", "README.md"));
            return all;
        }
    }
}
