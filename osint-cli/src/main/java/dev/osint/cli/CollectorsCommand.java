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
import dev.osint.core.UpstreamSpec;
import dev.osint.server.CollectorView;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code osint collectors}: what can be scanned, with which targets, which keys are set, and the upstreams each
 * calls; with {@code --api}, the state of their circuit breakers in a running server.
 */
@Command(name = "collectors", mixinStandardHelpOptions = true,
        description = {"List the collectors: type, accepted targets, whether their keys are set, the upstreams they",
                "call, and their options (type, default, bounds, allowed values). With --api, the circuit breaker",
                "of each upstream as that server knows it."})
final class CollectorsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--api", paramLabel = "URL",
            description = "Ask a running server (e.g. http://localhost:8000) for its collectors and circuit breakers.")
    String api;

    @Override
    public Integer call() throws Exception {
        if (api != null) {
            return remote();
        }
        run();
        return Main.OK;
    }

    /** The server's own list, with the circuit state of every upstream (each process learns for itself). */
    private int remote() throws Exception {
        String base = api.replaceAll("/+$", "");
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(base + "/api/v1/collectors")).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println(base + "/api/v1/collectors answered HTTP " + response.statusCode());
            return Main.SCAN_FAILED;
        }
        JsonNode catalog = Json.mapper().readTree(response.body());
        if (json) {
            System.out.println(response.body());
            return Main.OK;
        }
        System.out.printf("%-16s %s%n", "TYPE", "UPSTREAMS (circuit breaker in " + base + ")");
        for (JsonNode collector : catalog.path("collectors")) {
            List<String> upstreams = new ArrayList<>();
            for (JsonNode upstream : collector.path("upstreams")) {
                List<String> circuits = new ArrayList<>();
                for (JsonNode circuit : upstream.path("circuits")) {
                    String name = circuit.path("name").asText();
                    circuits.add((name.equals(upstream.path("name").asText()) ? "" : name + " ")
                            + circuit.path("state").asText()
                            + (circuit.path("retry_at").isTextual() ? " until " + circuit.path("retry_at").asText() : ""));
                }
                upstreams.add(upstream.path("display_name").asText() + " "
                        + (circuits.isEmpty() ? "(not called yet)" : String.join(", ", circuits)));
            }
            System.out.printf("%-16s %s%n", collector.path("type").asText(),
                    upstreams.isEmpty() ? "none" : String.join("; ", upstreams));
        }
        return Main.OK;
    }

    void run() {
        CollectorRegistry registry = CollectorRegistry.load();
        Settings settings = Main.settings();
        if (json) {
            List<Map<String, Object>> all = registry.listed().stream().map(c -> describe(c.spec(), settings)).toList();
            System.out.println(Json.write(Map.of("collectors", all)));
            return;
        }
        System.out.printf("%-16s %-26s %-30s %-40s %s%n", "TYPE", "NAME", "ACCEPTS", "KEYS", "UPSTREAMS");
        for (Collector collector : registry.listed()) {
            CollectorSpec spec = collector.spec();
            System.out.printf("%-16s %-26s %-30s %-40s %s%n", spec.type(), spec.name(), kinds(spec),
                    keys(spec, settings), upstreams(spec));
            for (OptionSpec option : spec.options()) {
                System.out.printf("    -o %-36s %s%n", option.name() + "="
                        + option.type().wireName().toUpperCase(java.util.Locale.ROOT), rules(option, settings));
            }
        }
        System.out.println();
        printUpstreams(registry.listed());
        System.out.println("Circuit breakers live in each running process: `osint collectors --api URL` shows a"
                + " server's.");
    }

    private static final String UPSTREAM_ROW = "%-18s %-15s %-30s %-29s %-8s %-23s %-22s %-30s %s%n";

    /** Each upstream as its collector declares it: where, which key, how long, how fast, how large, redirects. */
    private static void printUpstreams(java.util.Collection<Collector> collectors) {
        System.out.printf(UPSTREAM_ROW, "UPSTREAM", "COLLECTOR", "ADDRESS SETTING", "KEY SETTING", "TIMEOUT",
                "RATE LIMIT", "BODY CAP", "CIRCUIT", "REDIRECTS");
        for (Collector collector : collectors) {
            for (UpstreamSpec upstream : collector.spec().upstreams()) {
                System.out.printf(UPSTREAM_ROW, upstream.name(), collector.spec().type(),
                        upstream.userChosen() ? "(the user's)" : upstream.baseUrlSetting(),
                        upstream.takesKey() ? upstream.keySetting() : "none", upstream.timeoutText(),
                        upstream.rateLimitText(), upstream.maxBodyText(), upstream.circuitText(),
                        upstream.redirectsText());
            }
        }
    }

    private static String upstreams(CollectorSpec spec) {
        return spec.upstreams().isEmpty() ? "none"
                : spec.upstreams().stream().map(UpstreamSpec::displayName).collect(Collectors.joining(", "));
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
        map.put("upstreams", spec.upstreams().stream().map(CollectorsCommand::describe).toList());
        return map;
    }

    /** The same fields as {@code GET /api/v1/collectors} gives an upstream, without its circuits. */
    private static Map<String, Object> describe(UpstreamSpec upstream) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", upstream.name());
        map.put("display_name", upstream.displayName());
        map.put("protocol", upstream.protocol().name().toLowerCase(Locale.ROOT));
        map.put("base_url_setting", upstream.baseUrlSetting());
        map.put("default_base_url", upstream.defaultBaseUrl());
        map.put("key_setting", upstream.keySetting());
        map.put("timeout_seconds", upstream.timeout().toMillis() / 1000.0);
        map.put("timeout_setting", upstream.timeoutSetting());
        map.put("rate_limit", upstream.rateLimit().isUnlimited() ? null : Map.of("permits",
                upstream.rateLimit().permits(), "period_seconds", upstream.rateLimit().period().toSeconds()));
        map.put("max_body_bytes", upstream.maxBodyBytes());
        map.put("max_redirects", upstream.maxRedirects());
        map.put("circuit", upstream.circuit().name().toLowerCase(Locale.ROOT));
        map.put("user_chosen", upstream.userChosen());
        return map;
    }
}
