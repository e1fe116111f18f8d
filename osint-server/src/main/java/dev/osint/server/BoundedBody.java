package dev.osint.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. Javalin checks only a declared Content-Length, so a chunked body would be
 * read whole; this stops at the limit either way and answers 413.
 */
final class BoundedBody {
    /** Past the limit, this much more is read and dropped so the client sees the 413 instead of a reset. */
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private BoundedBody() {}

    static byte[] read(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBytes) {
                drain(in);
                throw tooLarge(declared + " bytes", maxBytes);
            }
            if (declared >= 0) {
                return readDeclared(in, (int) declared);
            }
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                drain(in);
                throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "Bad Request",
                    "the request body could not be read: " + e.getMessage()));
        }
    }

    /** A declared length within the limit: one array of that size, filled in place (the stream ends there). */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            throw new ProblemException(Problem.of(400, "Bad Request", "the request body ended after " + read
                    + " of the " + length + " bytes its Content-Length declared"));
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] sink = new byte[16 * 1024];
        int n;
        while (skipped < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
            skipped += n;
        }
    }

    private static ProblemException tooLarge(String size, int maxBytes) {
        return new ProblemException(Problem.of(413, "Content Too Large",
                "the request body is " + size + "; at most " + maxBytes + " bytes are accepted"));
    }
}
