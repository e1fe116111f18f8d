package dev.osint.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent event stream on one response. Each write is flushed at once; a write to a client that went away
 * fails with an {@link IOException}, which is how a stream notices it may end.
 */
final class SseWriter {
    private final OutputStream out;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends the headers now, so the client knows the stream is open before the first event. */
    static SseWriter open(Context ctx) throws IOException {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // nginx would otherwise hold events back
        response.flushBuffer();
        return new SseWriter(response.getOutputStream());
    }

    /** One event; {@code name} may be null (the client's default, "message"). Data is one line of JSON. */
    void event(String name, String id, String json) throws IOException {
        StringBuilder text = new StringBuilder(json.length() + 64);
        if (name != null) {
            text.append("event: ").append(name).append('\n');
        }
        text.append("id: ").append(id).append('\n').append("data: ").append(json).append("\n\n");
        write(text.toString());
    }

    /** A comment line, which clients ignore: keeps proxies from timing the stream out and finds a gone client. */
    void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
