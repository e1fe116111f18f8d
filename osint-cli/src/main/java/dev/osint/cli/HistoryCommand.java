package dev.osint.cli;

import dev.osint.core.Json;
import dev.osint.history.History;
import dev.osint.history.HistoryQuery;
import dev.osint.history.HistoryRecord;
import dev.osint.history.Page;
import dev.osint.history.ScanDiff;
import dev.osint.history.ScanSummary;
import dev.osint.history.Timeline;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code osint history}: the finished scans kept in the history database (the embedded SQLite file, or
 * PostgreSQL with OSINT_DATABASE_URL), read directly, so it works while the server runs and without it.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Finished scans kept in the history (OSINT_DATA_DIR's history.db, or OSINT_DATABASE_URL).",
                "  search    scans newest first, with filters and full text",
                "  show      one scan, whole, as JSON",
                "  diff      what changed between two scans of one target",
                "  timeline  a target's scans over time",
                "  purge     delete scans before a date, or every scan of a target"},
        subcommands = {HistoryCommand.Search.class, HistoryCommand.Show.class, HistoryCommand.Diff.class,
                HistoryCommand.TimelineCommand.class, HistoryCommand.Purge.class})
final class HistoryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a history command");
    }

    static History open() {
        Main.quietLogs();
        return History.open(Main.settings());
    }

    @Command(name = "search", aliases = "list", mixinStandardHelpOptions = true,
            description = "Finished scans, newest first.")
    static final class Search implements Callable<Integer> {
        @Mixin
        HistoryOptions filters;

        @Option(names = "--limit", defaultValue = "50", description = "Most scans to list (1-1000, default 50).")
        int limit;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (History history = open()) {
                Page<ScanSummary> page = history.store().search(filters.query(limit));
                if (json) {
                    System.out.println(Json.write(page.items()));
                    return Main.OK;
                }
                Table table = new Table("TASK ID", "FINISHED", "TYPE", "TARGET", "STATE", "ENTITIES");
                page.items().forEach(s -> table.row(s.taskId(), s.finishedAt(), s.type(), s.target(), s.state(),
                        s.entityCount()));
                table.print(System.out);
                return Main.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One finished scan, whole, as JSON.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "TASK_ID")
        String taskId;

        @Override
        public Integer call() {
            try (History history = open()) {
                HistoryRecord record = history.store().find(taskId).orElseThrow(() ->
                        new IllegalArgumentException("no finished scan '" + taskId + "' in the history"));
                System.out.println(Json.write(record));
                return Main.OK;
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What changed between two scans of the same target by the same collector.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FROM")
        String from;

        @Parameters(index = "1", paramLabel = "TO")
        String to;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (History history = open()) {
                ScanDiff diff;
                try {
                    diff = history.diff(from, to, null);
                } catch (java.util.NoSuchElementException e) {
                    throw new IllegalArgumentException("no finished scan '" + e.getMessage() + "' in the history");
                }
                if (json) {
                    System.out.println(Json.write(diff));
                    return Main.OK;
                }
                System.out.printf("%s scan of %s: %s (%s) -> %s (%s)%n", diff.to().type(), diff.to().target(),
                        diff.from().taskId(), diff.from().finishedAt(), diff.to().taskId(), diff.to().finishedAt());
                Table table = new Table("CHANGE", "KIND / PATH", "VALUE");
                diff.added().forEach(e -> table.row("+ entity", e.kind(), e.value()));
                diff.removed().forEach(e -> table.row("- entity", e.kind(), e.value()));
                diff.changed().forEach(e -> table.row("~ entity", e.kind(), e.value() + " " + Json.write(e.before())
                        + " -> " + Json.write(e.after())));
                for (ScanDiff.DataChange change : diff.records()) {
                    if (change.added() != null) {
                        change.added().forEach(item -> table.row("+ record", change.path(), Json.write(item)));
                        change.removed().forEach(item -> table.row("- record", change.path(), Json.write(item)));
                    } else {
                        table.row("~ value", change.path(), Json.write(change.before()) + " -> "
                                + Json.write(change.after()));
                    }
                }
                table.print(System.out);
                return Main.OK;
            }
        }
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "A target's scans by one collector, oldest first, with the entities each added and removed.")
    static final class TimelineCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TARGET")
        String target;

        @Parameters(index = "1", paramLabel = "TYPE")
        String type;

        @Option(names = "--limit", defaultValue = "100", description = "The most recent N scans (default 100).")
        int limit;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (History history = open()) {
                Timeline timeline = history.timeline(target, type, null, limit);
                if (json) {
                    System.out.println(Json.write(timeline));
                    return Main.OK;
                }
                Table table = new Table("FINISHED", "TASK ID", "STATE", "ENTITIES", "ADDED", "REMOVED");
                timeline.scans().forEach(e -> table.row(e.finishedAt(), e.taskId(), e.state(), e.entityCount(),
                        "+" + e.entitiesAdded(), "-" + e.entitiesRemoved()));
                table.print(System.out);
                return Main.OK;
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = {"Delete scans from the history: those finished before a date (--before), or every scan",
                    "of a target (--target), e.g. for a data subject's request. Asks first unless --force."})
    static final class Purge implements Callable<Integer> {
        @Option(names = "--before", paramLabel = "DATE", description = "Scans finished before this (ISO-8601).")
        String before;

        @Option(names = "--target", description = "Every scan of this target (case-insensitive).")
        String target;

        @Option(names = {"-f", "--force"}, description = "Do not ask.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if ((before == null) == (target == null)) {
                throw new IllegalArgumentException("give --before DATE or --target TARGET (one of them)");
            }
            Instant cutoff = HistoryOptions.time("--before", before);
            try (History history = open()) {
                String what = cutoff != null ? "every scan finished before " + cutoff : "every scan of " + target;
                if (!force) {
                    System.err.printf("Delete %s from the history (%s at %s)? [y/N] ", what, history.store().kind(),
                            history.store().location());
                    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                            .readLine();
                    if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                        System.err.println("Nothing deleted.");
                        return Main.OK;
                    }
                }
                long deleted = cutoff != null ? history.store().purgeBefore(cutoff)
                        : history.store().purgeTarget(target);
                System.out.println("Deleted " + deleted + " scan(s).");
                return Main.OK;
            }
        }
    }

    /** Pages through a search until {@code most} records, for exports. */
    static List<HistoryRecord> records(History history, HistoryQuery query, int most) {
        List<HistoryRecord> found = new ArrayList<>();
        HistoryQuery next = query.withLimit(Math.min(most, HistoryQuery.MAX_LIMIT));
        while (found.size() < most) {
            Page<HistoryRecord> page = history.store().searchRecords(next.withLimit(Math.min(HistoryQuery.MAX_LIMIT,
                    most - found.size())));
            found.addAll(page.items());
            if (page.nextCursor() == null) {
                break;
            }
            next = next.withCursor(page.nextCursor());
        }
        return found;
    }
}
