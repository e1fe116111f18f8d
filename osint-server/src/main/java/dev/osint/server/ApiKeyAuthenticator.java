package dev.osint.server;

import io.javalin.http.Context;
import java.util.Optional;

/** An API key sent as {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}. */
final class ApiKeyAuthenticator implements Authenticator {
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private final ApiKeys keys;

    ApiKeyAuthenticator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<Caller> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        String apiKey = ctx.header(API_KEY_HEADER);
        String presented;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            presented = authorization.substring(BEARER.length()).strip();
        } else if (apiKey != null) {
            presented = apiKey.strip();
        } else if (authorization != null) {
            // not even the scheme is quoted back: a client that forgot "Bearer " sent the key in its place
            throw AccessControl.unauthorized("the Authorization header is not 'Bearer KEY': send the API key as"
                    + " 'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
        } else {
            return Optional.empty();
        }
        // the key is never quoted back or logged: a typo of a real key is nearly the key
        return Optional.of(keys.find(presented).orElseThrow(() -> AccessControl.unauthorized(
                "the API key is not valid; check OSINT_API_KEY (or the key your client sends)")));
    }
}
