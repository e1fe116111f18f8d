package dev.osint.server;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, passed beside its handler in {@link ApiRoutes}. A route without a role needs a caller
 * that {@link AccessControl} accepts (any API key, when keys are set).
 */
enum Access implements RouteRole {
    /** Anyone: health checks, the OpenAPI document and Swagger UI. */
    PUBLIC
}
