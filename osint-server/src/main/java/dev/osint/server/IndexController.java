package dev.osint.server;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

/** {@code GET /}: what this service is and where its documentation lives. */
final class IndexController {

    /** The answer of {@code GET /}. */
    public record ServiceIndex(String service, String docs, String openapi, String health, String metrics) {}

    private static final ServiceIndex INDEX = new ServiceIndex("osint", ApiRoutes.DOCS, ApiRoutes.OPENAPI,
            ApiRoutes.HEALTH, ApiRoutes.METRICS);

    @OpenApi(path = "/", methods = HttpMethod.GET, tags = "service", operationId = "index",
            summary = "Where the documentation, health and metrics are",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = ServiceIndex.class)))
    void describe(Context ctx) {
        ctx.json(INDEX);
    }
}
