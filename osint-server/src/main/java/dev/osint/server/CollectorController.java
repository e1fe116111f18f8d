package dev.osint.server;

import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import java.util.List;

/** Lists the collectors: what each accepts and produces, its options, secrets (set or not) and rate limit. */
final class CollectorController {
    private final CollectorRegistry registry;
    private final Settings settings;
    private final UpstreamHealth upstreams;

    CollectorController(CollectorRegistry registry, Settings settings, UpstreamHealth upstreams) {
        this.registry = registry;
        this.settings = settings;
        this.upstreams = upstreams;
    }

    @OpenApi(path = ApiRoutes.COLLECTORS, methods = HttpMethod.GET, tags = "collectors", operationId = "listCollectors",
            summary = "The collectors, their options, secrets, rate limits and upstreams (with the state of their circuit"
                    + " breakers in this process); built-in tasks apart",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = CollectorCatalog.class)))
    void list(Context ctx) {
        List<CollectorView> listed = registry.listed().stream().map(this::view).toList();
        List<CollectorView> builtIn = registry.all().stream().filter(c -> !c.spec().listed()).map(this::view).toList();
        ctx.json(new CollectorCatalog(listed, builtIn));
    }

    private CollectorView view(Collector collector) {
        return CollectorView.of(collector, settings, upstreams);
    }
}
