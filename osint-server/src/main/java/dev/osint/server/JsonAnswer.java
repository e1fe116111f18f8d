package dev.osint.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.osint.core.Json;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Sends a small JSON answer as one write of known length, straight to the response. Javalin's {@code ctx.json}
 * serialises to a String, wraps its bytes in a stream, copies that through a buffer and decides on compression
 * per answer: on the submit and status routes, which answer a few hundred bytes thousands of times a second, that
 * was a good part of the request's cost, and compression gains nothing at that size.
 */
final class JsonAnswer {
    private static final ObjectWriter WRITER = Json.mapper().writer();

    private JsonAnswer() {}

    /** Writes {@code value} as the whole body: nothing may be added to the answer afterwards. */
    static void send(Context ctx, Object value) {
        sendBytes(ctx, bytes(value));
    }

    /** {@code value} as the JSON {@link #send} writes. */
    static byte[] bytes(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes {@code body}, JSON serialised already (by {@link #bytes}), as the whole body. */
    static void sendBytes(Context ctx, byte[] body) {
        HttpServletResponse res = ctx.res();
        res.setContentType(ContentType.JSON);
        res.setContentLength(body.length);
        try {
            res.getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away before the answer was sent", e);
        }
    }
}
