package dev.osint.cli;

import dev.osint.history.History;
import dev.osint.history.HistoryRecord;
import dev.osint.history.export.ExportFormat;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osint export}: one scan, or the scans a history search finds, as JSON, CSV, STIX 2.1 or GEXF 1.3. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export one finished scan (TASK_ID), or the scans the filters find, newest first, as",
                "json (as stored), csv (one row per entity), stix (a STIX 2.1 bundle) or gexf (GEXF 1.3 for Gephi)."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK_ID", arity = "0..1", description = "One scan; without it, the filters decide.")
    String taskId;

    @Option(names = {"-f", "--format"}, required = true, description = "json, csv, stix or gexf.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of to stdout.")
    Path output;

    @Option(names = "--limit", defaultValue = "1000", description = "Most scans (default 1000).")
    int limit;

    @Mixin
    HistoryOptions filters;

    @Override
    public Integer call() throws Exception {
        ExportFormat exportFormat = ExportFormat.fromWire(format);
        try (History history = HistoryCommand.open()) {
            List<HistoryRecord> scans = taskId != null
                    ? List.of(history.store().find(taskId).orElseThrow(() ->
                            new IllegalArgumentException("no finished scan '" + taskId + "' in the history")))
                    : HistoryCommand.records(history, filters.query(Math.min(limit, 1000)), limit);
            if (output == null) {
                exportFormat.write(scans, System.out);
            } else {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
                    exportFormat.write(scans, out);
                }
                System.err.println("Wrote " + scans.size() + " scan(s) to " + output);
            }
            return Main.OK;
        }
    }
}
