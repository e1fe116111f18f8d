package dev.osint.server;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * One way a request can prove who sends it: an API key header, or the dashboard's session cookie. {@link AccessControl}
 * asks each in turn.
 */
interface Authenticator {
    /**
     * The caller this request proves to be; empty when the request does not use this way at all.
     *
     * @throws ProblemException a 401 when the request uses this way with a credential that is not valid; a 403
     *                          when the credential is one a browser sends by itself and the request may be forged
     */
    Optional<Caller> authenticate(Context ctx);
}
