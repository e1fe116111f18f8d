package dev.osint.server;

import io.javalin.security.RouteRole;

/**
 * Who may call a route and how, passed beside its handler in {@link ApiRoutes}. A route without {@link #PUBLIC} needs
 * a caller that {@link AccessControl} accepts (any API key, or a session opened with one, when keys are set).
 */
enum Access implements RouteRole {
    /** Anyone: health checks, the OpenAPI document and Swagger UI, the dashboard's page and its login. */
    PUBLIC,
    /** A GET that changes something: a caller by session cookie must pass {@link CrossSiteCheck} as for a POST. */
    CHANGES_STATE
}
