package dev.osint.server;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;

/**
 * The dashboard's login and logout: an API key traded once for a session cookie ({@link DashboardSessions}), so the
 * page never keeps the key. The routes are public (the key is in the body) but pass {@link CrossSiteCheck}, so that
 * another site can neither log a browser in with its own key nor out.
 */
final class SessionController {
    private final ApiKeys keys;
    private final DashboardSessions sessions;
    private final ApiMetrics metrics;
    private final int maxBodyBytes;
    private final ObjectReader bodies;

    SessionController(ApiKeys keys, DashboardSessions sessions, ApiMetrics metrics, int maxBodyBytes) {
        this.keys = keys;
        this.sessions = sessions;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.bodies = RequestJson.reader(maxBodyBytes);
    }

    /** The body of {@code POST /api/v1/session}. */
    public record SessionRequest(@OpenApiDescription("An API key of this server") String apiKey) {}

    /** Who the caller is, whether by a session, and how long a session lasts. */
    public record SessionView(
            @OpenApiDescription("The key's name (or key-<fingerprint>), or anonymous@<address>: the owner of the"
                    + " scans the caller submits") String caller,
            @OpenApiDescription("Whether the caller may do everything (an admin key, or any caller of a server"
                    + " without keys)") boolean admin,
            @OpenApiDescription("Whether the caller was proved by the session cookie (else by a key header, or"
                    + " anonymous)") boolean session,
            @OpenApiDescription("The session ends after this many seconds without a request") long idleTimeoutS,
            @OpenApiDescription("The session ends this many seconds after it was opened, used or not")
            long maxAgeS) {}

    @OpenApi(path = ApiRoutes.SESSION, methods = HttpMethod.POST, tags = "session", operationId = "openSession",
            summary = "Trade an API key for a session cookie (the dashboard's login)",
            description = "Answers with the cookie osint_session (HttpOnly, SameSite=Strict, Path=/, Secure over"
                    + " HTTPS): an opaque random id that stands for the key, never the key. Requests that send it"
                    + " are the key's caller; those that change something must also send X-Requested-With and,"
                    + " when the browser sends Origin or Referer, this server's own. This request must send them"
                    + " too.",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = SessionRequest.class)),
            responses = {
                    @OpenApiResponse(status = "200", description = "Session opened; see Set-Cookie", content = @OpenApiContent(from = SessionView.class)),
                    @OpenApiResponse(status = "400", description = "Malformed JSON or empty body", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "401", description = "The key is not valid", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "403", description = "X-Requested-With is missing, or Origin (or Referer) names another site", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "409", description = "The server has no API keys: no session is needed", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "413", description = "Body larger than the limit", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "422", description = "api_key is missing or not a string", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void open(Context ctx) {
        refuseCrossSite(ctx);
        if (keys.isEmpty()) {
            throw new ProblemException(Problem.of(409, "Conflict", "this server has no API keys: every caller is let"
                    + " in without a session"));
        }
        String key = apiKey(BoundedBody.read(ctx, maxBodyBytes));
        // the key is never quoted back or logged: a typo of a real key is nearly the key
        Caller caller = keys.find(key).orElseThrow(() -> {
            AccessControl.challenge(ctx, metrics);
            return AccessControl.unauthorized("the API key is not valid");
        });
        SessionCookie.read(ctx).ifPresent(sessions::close); // a new login ends the browser's old session
        SessionCookie.set(ctx, sessions.open(caller));
        ctx.json(view(caller, true));
    }

    @OpenApi(path = ApiRoutes.SESSION, methods = HttpMethod.GET, tags = "session", operationId = "getSession",
            summary = "Who calls: the caller of the key or session cookie sent, and whether by the cookie",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = SessionView.class)))
    void show(Context ctx) {
        ctx.json(view(Caller.of(ctx), SessionCookie.proved(ctx)));
    }

    @OpenApi(path = ApiRoutes.SESSION, methods = HttpMethod.DELETE, tags = "session", operationId = "closeSession",
            summary = "End the session (the dashboard's logout)",
            description = "Ends the session of the cookie sent, if any, and tells the browser to drop the cookie."
                    + " Needs X-Requested-With, as every request that changes something with the cookie does.",
            responses = {
                    @OpenApiResponse(status = "204", description = "Ended, or there was none"),
                    @OpenApiResponse(status = "403", description = "X-Requested-With is missing, or Origin (or Referer) names another site", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void close(Context ctx) {
        refuseCrossSite(ctx);
        SessionCookie.read(ctx).ifPresent(sessions::close);
        SessionCookie.clear(ctx);
        ctx.status(204);
    }

    private SessionView view(Caller caller, boolean bySession) {
        return new SessionView(caller.id(), caller.admin(), bySession, sessions.idle().toSeconds(),
                sessions.maxAge().toSeconds());
    }

    private void refuseCrossSite(Context ctx) {
        try {
            CrossSiteCheck.check(ctx);
        } catch (ProblemException e) {
            metrics.refused("cross_site");
            throw e;
        }
    }

    private String apiKey(byte[] body) {
        JsonNode root;
        try {
            root = bodies.readTree(body);
        } catch (StreamConstraintsException e) {
            throw RequestJson.limitExceeded(e);
        } catch (IOException e) {
            // the parser's own words would quote the body, which holds the key
            throw malformed();
        }
        if (root == null || root.isMissingNode()) {
            throw malformed();
        }
        JsonNode key = root.path("api_key");
        if (!key.isTextual() || key.asText().isBlank()) {
            throw ProblemException.validation("api_key", "must be the API key as a string, as in"
                    + " {\"api_key\": \"KEY\"}");
        }
        return key.asText().strip();
    }

    private static ProblemException malformed() {
        return new ProblemException(new Problem(Problem.MALFORMED_JSON, "Malformed JSON", 400,
                "the request body must be the JSON object {\"api_key\": \"KEY\"}", null));
    }
}
