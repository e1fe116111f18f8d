package dev.osint.server;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * The cookie that carries a dashboard session's id: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Path=/, and Secure when the page is served over HTTPS, directly or behind a proxy that says so in
 * {@code X-Forwarded-Proto}. No Max-Age: the browser drops it when it closes, and the server ends it sooner.
 */
final class SessionCookie {
    static final String NAME = "osint_session";
    /** Set on a request whose caller the cookie proved. */
    static final String ATTRIBUTE = "osint.session";

    private SessionCookie() {}

    static Optional<String> read(Context ctx) {
        return Optional.ofNullable(ctx.cookie(NAME)).filter(value -> !value.isEmpty());
    }

    /** Whether this request's caller was proved by the session cookie (not a key header, not anonymous). */
    static boolean proved(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ATTRIBUTE));
    }

    static void set(Context ctx, String sessionId) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + sessionId + attributes(ctx));
    }

    /** Tells the browser to forget the cookie. */
    static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
    }

    private static String attributes(Context ctx) {
        // a client that forges X-Forwarded-Proto only keeps its own cookie off plain HTTP
        boolean https = ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }
}
