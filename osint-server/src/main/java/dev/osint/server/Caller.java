package dev.osint.server;

import io.javalin.http.Context;

/**
 * Who sends a request, as {@link AccessControl} established it. The id is recorded as the owner of the tasks the
 * caller submits and keys its quotas; it is never a secret.
 *
 * @param id    an API key's name, or {@code key-<fingerprint>} for a key without one; {@code anonymous@<address>}
 * @param name  for people: the key's id, or {@code anonymous}
 * @param admin an admin key; anonymous callers are admins only when the API has no keys at all
 */
public record Caller(String id, String name, boolean admin) {
    static final String ANONYMOUS = "anonymous";
    private static final String ATTRIBUTE = "osint.caller";

    static Caller anonymous(String address, boolean admin) {
        return new Caller(ANONYMOUS + "@" + address, ANONYMOUS, admin);
    }

    public boolean isAnonymous() {
        return name.equals(ANONYMOUS);
    }

    /** The caller of this request; anonymous when the route is public. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        return caller != null ? caller : anonymous(ctx.req().getRemoteAddr(), false);
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}
