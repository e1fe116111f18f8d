package dev.osint.cli;

import dev.osint.core.TaskState;
import dev.osint.history.HistoryQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The search filters of {@code osint history search} and {@code osint export}, as GET /api/v1/history has them. */
final class HistoryOptions {
    @Option(names = "--target", description = "Scans of this target (case-insensitive).")
    String target;

    @Option(names = "--type", description = "Scans by this collector type.")
    String type;

    @Option(names = "--state", description = "SUCCESS, FAILURE or REVOKED.")
    String state;

    @Option(names = "--since", paramLabel = "TIME", description = "Finished at or after (ISO-8601 time or date).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Finished before (ISO-8601 time or date).")
    String until;

    @Option(names = {"-q", "--query"}, paramLabel = "TEXT", description = "Words that must all appear in the result.")
    String text;

    HistoryQuery query(int limit) {
        TaskState parsed = null;
        if (state != null) {
            try {
                parsed = TaskState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--state must be SUCCESS, FAILURE or REVOKED, not '" + state + "'");
            }
        }
        return new HistoryQuery(target, type, parsed, time("--since", since), time("--until", until), text, null,
                limit, null);
    }

    /** An ISO-8601 instant, or a date (its start, UTC). */
    static Instant time(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            String text = value.strip();
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 time (2026-11-01T10:00:00Z) or a date"
                    + " (2026-11-01), not '" + value + "'");
        }
    }
}
