package dev.osint.server;

import io.javalin.openapi.OpenApiDescription;
import java.util.List;

/** The answer of {@code GET /api/v1/collectors}: OSINT collectors, and built-in tasks (such as ping) apart. */
public record CollectorCatalog(
        List<CollectorView> collectors,
        @OpenApiDescription("Built-in tasks, such as ping, that are not OSINT collectors") List<CollectorView> builtIn) {}
