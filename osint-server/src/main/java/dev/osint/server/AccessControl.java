package dev.osint.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Decides who calls each route before its own handler runs (from inside it: {@link CheckedRoutes.Checked}): a route
 * marked {@link Access#PUBLIC} is open to anyone; any other needs a caller proved by one of the
 * {@link Authenticator}s (an API key header first, then the dashboard's session cookie), unless anonymous callers
 * are let in (no keys on a loopback address, or {@code OSINT_ALLOW_ANONYMOUS=true}). Otherwise the answer is a 401,
 * or a 403 for a cross-site request.
 */
final class AccessControl {
    static final String REALM = "Bearer realm=\"osint\"";

    private final List<Authenticator> authenticators;
    /** No credential is configured: every caller is anonymous, and an admin, for there is nobody to tell apart. */
    private final boolean open;
    /** Callers without a credential are let in (as anonymous, not admins) although credentials exist. */
    private final boolean anonymousAllowed;
    private final ApiMetrics metrics;

    AccessControl(List<Authenticator> authenticators, boolean open, boolean anonymousAllowed, ApiMetrics metrics) {
        this.authenticators = List.copyOf(authenticators);
        this.open = open;
        this.anonymousAllowed = anonymousAllowed;
        this.metrics = metrics;
    }

    static AccessControl of(AccessSettings access, DashboardSessions sessions, ApiMetrics metrics) {
        return new AccessControl(List.of(new ApiKeyAuthenticator(access.keys()), new SessionAuthenticator(sessions)),
                access.keys().isEmpty(), access.allowAnonymous(), metrics);
    }

    /**
     * For a route not marked {@link Access#PUBLIC}: attaches the caller to the request, or ends it with a 401 or
     * 403, before the route's own handler runs.
     */
    void check(Context ctx) {
        try {
            identify(ctx).attachTo(ctx);
        } catch (ProblemException e) {
            if (e.problem().status() == 401) {
                challenge(ctx, metrics);
            } else {
                metrics.refused("cross_site");
            }
            throw e;
        }
    }

    private Caller identify(Context ctx) {
        if (open) {
            return Caller.anonymous(ctx.req().getRemoteAddr(), true);
        }
        for (Authenticator authenticator : authenticators) {
            Optional<Caller> caller = authenticator.authenticate(ctx);
            if (caller.isPresent()) {
                return caller.get();
            }
        }
        if (anonymousAllowed) {
            return Caller.anonymous(ctx.req().getRemoteAddr(), false);
        }
        throw unauthorized("this API needs a key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
                + " (the CLI sends OSINT_API_KEY)");
    }

    /** What goes with every 401: the challenge header, and the refusal counted. */
    static void challenge(Context ctx, ApiMetrics metrics) {
        metrics.refused("unauthorized");
        ctx.header("WWW-Authenticate", REALM);
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(new Problem(Problem.UNAUTHORIZED, "Unauthorized", 401, detail, null));
    }
}
