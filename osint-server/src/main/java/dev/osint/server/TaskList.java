package dev.osint.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.openapi.OpenApiDescription;
import java.util.List;

/** The answer of {@code GET /api/v1/tasks}: one page, newest first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskList(
        List<TaskSummary> tasks,
        @OpenApiDescription("Pass as cursor= for the next (older) page; null when nothing older is left."
                + " A page may hold fewer tasks than the limit and still have a next one: filters other than time"
                + " look at 5000 tasks at most per page") String nextCursor) {}
