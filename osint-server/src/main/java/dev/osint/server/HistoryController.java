package dev.osint.server;

import dev.osint.core.TaskState;
import dev.osint.history.EntityLookup;
import dev.osint.history.EntityQuery;
import dev.osint.history.EntitySummary;
import dev.osint.history.History;
import dev.osint.history.HistoryQuery;
import dev.osint.history.HistoryRecord;
import dev.osint.history.Page;
import dev.osint.history.ScanDiff;
import dev.osint.history.ScanSummary;
import dev.osint.history.Timeline;
import dev.osint.history.export.ExportFormat;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Searches, pivots, compares and exports finished scans: HTTP in, {@link History} out. */
final class HistoryController {
    static final int EXPORT_DEFAULT = 1_000;
    static final int EXPORT_MAX = 10_000;
    static final String HISTORY_OFF = "urn:osint:problem:history-off";

    private final Optional<History> history;

    HistoryController(Optional<History> history) {
        this.history = history;
    }

    private History history() {
        return history.orElseThrow(() -> new ProblemException(new Problem(HISTORY_OFF, "History is off", 404,
                "this server keeps no scan history (OSINT_HISTORY=off)", null)));
    }

    /**
     * Whose scans this caller may see: null for everyone's. Without API keys every caller sees all; with them a
     * key that is not marked admin sees the scans it submitted.
     */
    private static String visibleOwner(Context ctx) {
        Caller caller = Caller.of(ctx);
        return caller.admin() ? null : caller.id();
    }

    @OpenApi(path = ApiRoutes.HISTORY, methods = HttpMethod.GET, tags = "history", operationId = "searchHistory",
            summary = "Finished scans, newest first, filtered and searched",
            queryParams = {
                    @OpenApiParam(name = "target", description = "Scans of this target (case-insensitive)"),
                    @OpenApiParam(name = "type", description = "Scans by this collector type"),
                    @OpenApiParam(name = "state", description = "SUCCESS, FAILURE or REVOKED"),
                    @OpenApiParam(name = "since", description = "Finished at or after (ISO-8601 time or date)"),
                    @OpenApiParam(name = "until", description = "Finished before (ISO-8601 time or date)"),
                    @OpenApiParam(name = "q", description = "Words that must all appear in the result; a term"
                            + " such as mail.example.com matches as written"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "1-1000, default 50"),
                    @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = HistoryPage.class)),
                    @OpenApiResponse(status = "422", description = "A filter is malformed; errors names it", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The history database is unreachable", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void search(Context ctx) {
        Page<ScanSummary> page = history().store().search(query(ctx,
                integer(ctx, "limit", HistoryQuery.DEFAULT_LIMIT, 1, HistoryQuery.MAX_LIMIT)));
        ctx.json(new HistoryPage(page.items(), page.nextCursor()));
    }

    @OpenApi(path = ApiRoutes.HISTORY_TASK, methods = HttpMethod.GET, tags = "history", operationId = "getHistory",
            summary = "One finished scan as stored: request, states with times, worker, owner, result, entities",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = HistoryRecord.class)),
                    @OpenApiResponse(status = "404", description = "No such scan in the history", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void show(Context ctx) {
        ctx.json(record(ctx, TaskIds.from(ctx)));
    }

    private HistoryRecord record(Context ctx, String id) {
        return history().find(id, visibleOwner(ctx)).orElseThrow(() -> notInHistory(id));
    }

    private static ProblemException notInHistory(String id) {
        return new ProblemException(new Problem(Problem.TASK_NOT_FOUND, "Task not found", 404,
                "no finished scan '" + Printable.clip(id) + "' in the history", null));
    }

    @OpenApi(path = ApiRoutes.HISTORY_DIFF, methods = HttpMethod.GET, tags = "history", operationId = "diffHistory",
            summary = "What changed between two scans of the same target by the same collector",
            queryParams = {@OpenApiParam(name = "from", required = true, description = "The earlier scan's task id"),
                    @OpenApiParam(name = "to", required = true, description = "The later scan's task id")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScanDiff.class)),
                    @OpenApiResponse(status = "404", description = "A scan is not in the history", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "422", description = "from or to missing, or scans of different targets or types", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void diff(Context ctx) {
        String from = required(ctx, "from");
        String to = required(ctx, "to");
        try {
            ctx.json(history().diff(from, to, visibleOwner(ctx)));
        } catch (NoSuchElementException e) {
            throw notInHistory(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid("to", e.getMessage());
        }
    }

    @OpenApi(path = ApiRoutes.HISTORY_TIMELINE, methods = HttpMethod.GET, tags = "history",
            operationId = "historyTimeline", summary = "A target's scans by one collector over time, oldest first,"
            + " with the entities each added and removed",
            queryParams = {@OpenApiParam(name = "target", required = true), @OpenApiParam(name = "type", required = true),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "The most recent N scans, 1-500, default 100")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = Timeline.class)),
                    @OpenApiResponse(status = "422", description = "target or type missing", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void timeline(Context ctx) {
        ctx.json(history().timeline(required(ctx, "target"), required(ctx, "type"), visibleOwner(ctx),
                integer(ctx, "limit", 100, 1, Timeline.MAX_SCANS)));
    }

    @OpenApi(path = ApiRoutes.ENTITIES, methods = HttpMethod.GET, tags = "history", operationId = "findEntities",
            summary = "Every scan that produced an entity value, with first and last seen; or values by prefix",
            queryParams = {
                    @OpenApiParam(name = "value", description = "An entity value, matched exactly (case-insensitive)"),
                    @OpenApiParam(name = "prefix", description = "Instead of value: entities whose value starts with this"),
                    @OpenApiParam(name = "kind", description = "Only this entity kind: ip, subdomain, email, …"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "1-1000, default 100"),
                    @OpenApiParam(name = "cursor", description = "next_cursor of the previous page of sightings")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = EntityLookup.class)),
                    @OpenApiResponse(status = "422", description = "Neither or both of value and prefix", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void entities(Context ctx) {
        String value = ctx.queryParam("value");
        String prefix = ctx.queryParam("prefix");
        String kind = kind(ctx);
        int limit = integer(ctx, "limit", 100, 1, EntityQuery.MAX_LIMIT);
        if ((value == null) == (prefix == null)) {
            throw invalid("value", "give value (an exact entity value) or prefix, not both and not neither");
        }
        if (prefix != null) {
            List<EntitySummary> found = validated(() -> history().store().entitiesByPrefix(kind, prefix,
                    visibleOwner(ctx), limit));
            ctx.json(new EntityPrefixPage(prefix, found));
            return;
        }
        ctx.json(validated(() -> history().store().entity(new EntityQuery(kind, value, visibleOwner(ctx), limit,
                ctx.queryParam("cursor")))));
    }

    @OpenApi(path = ApiRoutes.HISTORY_TASK_EXPORT, methods = HttpMethod.GET, tags = "history",
            operationId = "exportScan", summary = "One finished scan as JSON, CSV, STIX 2.1 or GEXF 1.3",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            queryParams = @OpenApiParam(name = "format", required = true, description = "json, csv, stix or gexf"),
            responses = {
                    @OpenApiResponse(status = "200", content = {@OpenApiContent(type = "string", mimeType = "application/json"),
                            @OpenApiContent(type = "string", mimeType = "text/csv"),
                            @OpenApiContent(type = "string", mimeType = "application/stix+json"),
                            @OpenApiContent(type = "string", mimeType = "application/gexf+xml")}),
                    @OpenApiResponse(status = "404", description = "No such scan in the history", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "422", description = "Unknown format", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void exportOne(Context ctx) throws IOException {
        ExportFormat format = format(ctx);
        String id = TaskIds.from(ctx);
        send(ctx, format, List.of(record(ctx, id)), "osint-" + id);
    }

    @OpenApi(path = ApiRoutes.HISTORY_EXPORT, methods = HttpMethod.GET, tags = "history", operationId = "exportHistory",
            summary = "The scans a history search finds (newest first, up to limit) as JSON, CSV, STIX 2.1 or GEXF 1.3",
            queryParams = {@OpenApiParam(name = "format", required = true, description = "json, csv, stix or gexf"),
                    @OpenApiParam(name = "target"), @OpenApiParam(name = "type"), @OpenApiParam(name = "state"),
                    @OpenApiParam(name = "since"), @OpenApiParam(name = "until"), @OpenApiParam(name = "q"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "Most scans, 1-10000, default 1000")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(type = "string", mimeType = "application/json")),
                    @OpenApiResponse(status = "422", description = "A filter or the format is malformed", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void exportMany(Context ctx) throws IOException {
        ExportFormat format = format(ctx);
        int most = integer(ctx, "limit", EXPORT_DEFAULT, 1, EXPORT_MAX);
        List<HistoryRecord> scans = new ArrayList<>();
        HistoryQuery next = query(ctx, Math.min(most, HistoryQuery.MAX_LIMIT));
        while (scans.size() < most) {
            Page<HistoryRecord> page = history().store().searchRecords(next.withLimit(Math.min(HistoryQuery.MAX_LIMIT,
                    most - scans.size())));
            scans.addAll(page.items());
            if (page.nextCursor() == null) {
                break;
            }
            next = next.withCursor(page.nextCursor());
        }
        send(ctx, format, scans, "osint-history");
    }

    private static void send(Context ctx, ExportFormat format, List<HistoryRecord> scans, String name)
            throws IOException {
        ctx.contentType(format.mediaType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
        OutputStream out = ctx.outputStream();
        format.write(scans, out);
    }

    private static ExportFormat format(Context ctx) {
        try {
            return ExportFormat.fromWire(ctx.queryParam("format"));
        } catch (IllegalArgumentException e) {
            throw invalid("format", "must be one of json, csv, stix, gexf");
        }
    }

    /** The search filters of the request, for pages of {@code pageSize}. */
    private HistoryQuery query(Context ctx, int pageSize) {
        TaskState state = null;
        String stateParam = ctx.queryParam("state");
        if (stateParam != null) {
            try {
                state = TaskState.valueOf(stateParam.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                state = null;
            }
            if (state == null || !state.isFinal()) {
                throw invalid("state", "must be SUCCESS, FAILURE or REVOKED");
            }
        }
        Instant since = time(ctx, "since");
        Instant until = time(ctx, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw invalid("until", "must be after since");
        }
        TaskState finalState = state;
        return validated(() -> new HistoryQuery(text(ctx, "target", 2048), text(ctx, "type", 128), finalState, since,
                until, text(ctx, "q", 500), visibleOwner(ctx), pageSize, ctx.queryParam("cursor")));
    }

    private interface Call<T> {
        T run();
    }

    /** Runs a history call; its IllegalArgumentException ("field: problem") becomes a 422 naming the field. */
    private static <T> T validated(Call<T> call) {
        try {
            return call.run();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            throw colon < 0 ? invalid("query", message) : invalid(message.substring(0, colon),
                    message.substring(colon + 2));
        }
    }

    private static String kind(Context ctx) {
        String kind = text(ctx, "kind", 64);
        if (kind == null) {
            return null;
        }
        try {
            return dev.osint.core.EntityKind.fromWire(kind).wireName();
        } catch (IllegalArgumentException e) {
            throw invalid("kind", "is not an entity kind: ip, subdomain, domain, email, username, account, url, …");
        }
    }

    private static String required(Context ctx, String name) {
        String value = text(ctx, name, 2048);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    private static String text(Context ctx, String name, int most) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > most) {
            throw invalid(name, "at most " + most + " characters");
        }
        return value.strip();
    }

    private static int integer(Context ctx, String name, int defaultValue, int least, int most) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < least || number > most) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number from " + least + " to " + most);
        }
    }

    /** ISO-8601: an instant ({@code 2026-11-01T10:00:00Z}, offsets allowed) or a date (its start, UTC). */
    private static Instant time(Context ctx, String name) {
        String value = text(ctx, name, 64);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 time such as 2026-11-01T10:00:00Z, or a date such as 2026-11-01");
        }
    }

    private static ProblemException invalid(String field, String problem) {
        return new ProblemException(Problem.validation(List.of(new FieldProblem(field, problem))));
    }

    /** The answer of {@code GET /api/v1/history}. */
    public record HistoryPage(List<ScanSummary> scans, String nextCursor) {}

    /** The answer of {@code GET /api/v1/entities?prefix=}. */
    public record EntityPrefixPage(String prefix, List<EntitySummary> entities) {}
}
