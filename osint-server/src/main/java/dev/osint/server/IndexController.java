package dev.osint.server;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

/** {@code GET /api/v1}: what this service is and where its dashboard, documentation, health and metrics live. */
final class IndexController {

    /** The answer of {@code GET /api/v1}. */
    public record ServiceIndex(String service, String dashboard, String docs, String openapi, String health,
                               String metrics) {}

    private static final ServiceIndex INDEX = new ServiceIndex("osint", ApiRoutes.DASHBOARD, ApiRoutes.DOCS,
            ApiRoutes.OPENAPI, ApiRoutes.HEALTH, ApiRoutes.METRICS);

    @OpenApi(path = ApiRoutes.API, methods = HttpMethod.GET, tags = "service", operationId = "index",
            summary = "Where the dashboard, documentation, health and metrics are",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = ServiceIndex.class)))
    void describe(Context ctx) {
        ctx.json(INDEX);
    }
}
