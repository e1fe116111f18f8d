package dev.osint.server;

import dev.osint.core.CollectorRegistry;
import dev.osint.core.TaskState;
import dev.osint.queue.Broker;
import dev.osint.queue.TaskPage;
import dev.osint.queue.TaskQuery;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** {@code GET /api/v1/tasks}: what Flower's task page lists, filtered and paged through the broker's index. */
final class TaskListController {
    private static final int MAX_FILTER_LENGTH = 256;

    private final Broker broker;
    private final CollectorRegistry registry;

    TaskListController(Broker broker, CollectorRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    @OpenApi(path = ApiRoutes.TASKS, methods = HttpMethod.GET, tags = "tasks", operationId = "listTasks",
            summary = "Tasks the broker still knows, newest first, filtered and paged",
            description = "Waiting, running, and finished tasks until their result expires. Creation-time bounds"
                    + " select a range of the index; the other filters are applied while paging, at most 5000 tasks"
                    + " examined per page, so a page may hold fewer than limit tasks and still have a next_cursor.",
            queryParams = {
                    @OpenApiParam(name = "state", description = "Comma-separated states, e.g. FAILURE,REVOKED"),
                    @OpenApiParam(name = "type", description = "Collector type, e.g. dns"),
                    @OpenApiParam(name = "target", description = "Substring of the target, any case"),
                    @OpenApiParam(name = "since", description = "Created at or after this ISO-8601 time"),
                    @OpenApiParam(name = "until", description = "Created before this ISO-8601 time"),
                    @OpenApiParam(name = "worker", description = "The worker that holds or last held the task"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "Tasks per page, 1-500 (50)"),
                    @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskList.class)),
                    @OpenApiResponse(status = "422", description = "A parameter is unknown or invalid; errors names each", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The broker is unreachable", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void list(Context ctx) {
        TaskPage page = broker.tasks(query(ctx));
        ctx.json(new TaskList(page.tasks().stream().map(TaskSummary::of).toList(), page.nextCursor()));
    }

    private TaskQuery query(Context ctx) {
        QueryParams params = new QueryParams(ctx, "state", "type", "target", "since", "until", "worker", "limit",
                "cursor");
        Set<TaskState> states = states(params);
        String type = params.text("type", MAX_FILTER_LENGTH);
        if (type != null && registry.get(type).isEmpty()) {
            params.problem("type", "is not a known collector type; available: " + String.join(", ", registry.types()));
        }
        String target = params.text("target", MAX_FILTER_LENGTH);
        Instant since = params.instant("since");
        Instant until = params.instant("until");
        if (since != null && until != null && !since.isBefore(until)) {
            params.problem("until", "must be later than since");
        }
        String worker = params.text("worker", MAX_FILTER_LENGTH);
        int limit = params.integer("limit", TaskQuery.DEFAULT_LIMIT, 1, TaskQuery.MAX_LIMIT);
        String cursor = params.text("cursor", 512);
        if (cursor != null && !TaskQuery.isCursor(cursor)) {
            params.problem("cursor", "is not a cursor a listing gave: pass next_cursor back as it is");
        }
        params.check();
        return new TaskQuery(states, type, target, since, until, worker, limit, cursor);
    }

    private static Set<TaskState> states(QueryParams params) {
        Set<TaskState> states = EnumSet.noneOf(TaskState.class);
        for (String name : params.list("state", MAX_FILTER_LENGTH)) {
            try {
                states.add(TaskState.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                params.problem("state", "'" + Printable.clip(name) + "' is not a state; states: "
                        + Arrays.toString(TaskState.values()));
            }
        }
        return states;
    }
}
