package dev.osint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.metadata.MetadataLimits;
import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Json;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import dev.osint.core.Priority;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import dev.osint.core.TaskRecord;
import dev.osint.history.History;
import dev.osint.queue.ScanRequest;
import dev.osint.queue.worker.WorkerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osint scan TYPE TARGET}: runs one scan, in this process or through a server, and prints its result. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Run one scan and print its result; progress goes to stderr.",
                "Exit code: 0 the scan succeeded, 1 it failed or was revoked, 2 bad usage."})
final class ScanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TYPE", description = "Collector type, e.g. dns (see: osint collectors).")
    String type;

    @Parameters(index = "1", paramLabel = "TARGET", description = {"What to scan: a domain, IP, email, username, ...",
            "For a collector that reads files (metadata): a local file, uploaded to it."})
    String target;

    @Option(names = "--api", paramLabel = "URL",
            description = {"Send the scan to a running server (e.g. http://localhost:8000) instead of running it here,",
                    "with the API key in OSINT_API_KEY (or OSINT_API_KEY_FILE) when set."})
    String api;

    @Option(names = "--json", description = "Print the whole result as JSON.")
    boolean json;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE",
            description = {"A collector option (see: osint collectors); VALUE is converted to the option's type:",
                    "true/false, a number, text, or a list as a,b or [\"a\",\"b\"]. A bad one exits 2."})
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--priority", defaultValue = "normal", description = "high, normal or low (default: normal).")
    String priority;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> parsedOptions = typedOptions(CollectorRegistry.load().get(type), options);
        Path file = localFile();
        RemoteScan remote = api != null ? new RemoteScan(new ApiClient(api, Main.settings())) : null;
        ScanOutcome outcome;
        if (file != null) {
            outcome = api != null ? remote.upload(type, file, parsedOptions, priority)
                    : runHere(() -> runtimeUpload(file, parsedOptions));
        } else {
            // run in-process, the scan is the operator's: operator-only options may be set too
            outcome = api != null ? remote.run(type, target, parsedOptions, priority)
                    : runHere(() -> runtime.scans.submit(new ScanRequest(target, type, parsedOptions,
                    Priority.fromWire(priority), null), Options.Requester.OPERATOR));
        }
        print(outcome, System.out);
        return outcome.state().equals("SUCCESS") ? Main.OK : Main.SCAN_FAILED;
    }

    /** The target as a local file to upload, when it names one and the collector reads files; else null. */
    private Path localFile() {
        boolean readsFiles = CollectorRegistry.load().get(type)
                .map(c -> c.spec().accepts().contains(TargetKind.FILE)).orElse(false);
        if (!readsFiles || target.contains("://")) {
            return null;
        }
        Path path = Path.of(target);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("'" + target + "' is neither a URL nor a file that can be read");
        }
        return path;
    }

    private TaskRecord runtimeUpload(Path file, Map<String, Object> parsedOptions) throws IOException {
        long max = MetadataLimits.maxBytes(Main.settings());
        if (Files.size(file) > max) {
            throw new IllegalArgumentException(file + " is " + Files.size(file) + " bytes; at most " + max
                    + " are read (OSINT_METADATA_MAX_BYTES)");
        }
        return runtime.scans.submitUpload(type, file.getFileName().toString(), Files.readAllBytes(file),
                parsedOptions, Priority.fromWire(priority), Options.Requester.OPERATOR);
    }

    /** A scan run here is kept in the history as a server's scans are (unless {@code OSINT_HISTORY=off}). */
    private record HistoryScope(Optional<History> history) implements AutoCloseable {
        @Override
        public void close() {
            history.ifPresent(History::close);
        }
    }

    /** Submits a task to the runtime of this process. */
    @FunctionalInterface
    private interface Submission {
        TaskRecord submit() throws IOException;
    }

    private OsintRuntime runtime;

    private ScanOutcome runHere(Submission submission) throws InterruptedException, IOException {
        Settings settings = Main.settings();
        Main.quietLogs(); // the progress line says what the task log would
        try (OsintRuntime opened = new OsintRuntime(settings).withWorker(WorkerSettings.from(settings));
             // closed first: its writer writes the finished scan before the worker and broker go
             HistoryScope history = new HistoryScope(History.serve(settings, opened.broker, Clock.systemUTC()))) {
            runtime = opened;
            TaskRecord task = submission.submit();
            ProgressLine progress = new ProgressLine(System.err);
            while (true) {
                TaskRecord now = runtime.scans.status(task.id()).orElseThrow();
                progress.show(now.state().name(), now.progress(), now.stage());
                if (now.state().isFinal()) {
                    progress.done();
                    return new ScanOutcome(now.id(), now.state().name(),
                            now.result() == null ? null : Json.mapper().valueToTree(now.result()), now.error());
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Each {@code NAME=VALUE} converted to the type the collector declares for NAME; an unknown name or a value not
     * of the type is an {@link IllegalArgumentException} (exit 2). A type this build does not know (a server's
     * newer collector) gets JSON-or-text values and the server's own check.
     */
    static Map<String, Object> typedOptions(Optional<Collector> collector, Map<String, String> raw) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : raw.entrySet()) {
            if (collector.isEmpty()) {
                typed.put(option.getKey(), parseValue(option.getValue()));
                continue;
            }
            List<OptionSpec> specs = collector.get().spec().options();
            OptionSpec spec = specs.stream().filter(s -> s.name().equals(option.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("options." + option.getKey()
                            + ": unknown option; " + collector.get().spec().type() + " takes "
                            + specs.stream().map(OptionSpec::name).toList()));
            typed.put(spec.name(), spec.parse(option.getValue()));
        }
        return typed;
    }

    static Object parseValue(String value) {
        try {
            return Json.mapper().readValue(value, Object.class);
        } catch (Exception e) {
            return value;
        }
    }

    private void print(ScanOutcome outcome, PrintStream out) {
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("task_id", outcome.taskId());
            body.put("status", outcome.state());
            if (outcome.result() != null) {
                body.put("result", outcome.result());
            }
            if (outcome.error() != null) {
                body.put("error", outcome.error());
            }
            out.println(Json.write(body));
            return;
        }
        if (outcome.result() == null) {
            out.println(outcome.state() + ": " + outcome.error());
            return;
        }
        JsonNode result = outcome.result();
        out.printf("%s  %s  %s%n", result.path("collector_name").asText(), result.path("target").asText(),
                result.path("success").asBoolean() ? "found" : "nothing found");
        if (result.path("metadata").has("reason")) {
            out.println("reason: " + result.path("metadata").path("reason").asText());
        }
        JsonNode entities = result.path("entities");
        out.printf("entities (%d):%n", entities.size());
        for (JsonNode entity : entities) {
            out.printf("  %-14s %s%n", entity.path("kind").asText(), entity.path("value").asText());
        }
        out.println("data:");
        out.println(result.path("data").toPrettyString());
    }

    /** The end of a scan, wherever it ran. */
    record ScanOutcome(String taskId, String state, JsonNode result, String error) {}

    /** Prints "STATE  42%  stage" to stderr whenever it changes. */
    static final class ProgressLine {
        private final PrintStream err;
        private String last = "";

        ProgressLine(PrintStream err) {
            this.err = err;
        }

        void show(String state, int percent, String stage) {
            String line = String.format("%-10s %3d%%  %s", state, percent, stage == null ? "" : stage);
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
        }

        void done() {
            err.flush();
        }
    }
}
