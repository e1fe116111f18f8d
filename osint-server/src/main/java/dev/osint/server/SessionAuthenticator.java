package dev.osint.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's session cookie, standing for the API key the session was opened with. A request it authenticates
 * that changes something must also pass {@link CrossSiteCheck}: a GET that changes something (the seed's GET
 * {@code .../cancel}) is marked {@link Access#CHANGES_STATE} in {@link ApiRoutes}.
 */
final class SessionAuthenticator implements Authenticator {
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD,
            HandlerType.OPTIONS);

    private final DashboardSessions sessions;

    SessionAuthenticator(DashboardSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<Caller> authenticate(Context ctx) {
        Optional<String> id = SessionCookie.read(ctx);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> caller = sessions.find(id.get());
        if (caller.isEmpty()) {
            SessionCookie.clear(ctx);
            throw AccessControl.unauthorized("the dashboard's session has ended (it was idle too long, logged out, or"
                    + " the server restarted): open a new one with the API key");
        }
        if (!SAFE_METHODS.contains(ctx.method()) || ctx.routeRoles().contains(Access.CHANGES_STATE)) {
            CrossSiteCheck.check(ctx);
        }
        ctx.attribute(SessionCookie.ATTRIBUTE, true);
        return caller;
    }
}
