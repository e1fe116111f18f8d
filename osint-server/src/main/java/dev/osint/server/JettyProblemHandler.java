package dev.osint.server;

import dev.osint.core.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a request line or header it cannot parse, a URI it refuses) as problem+json too;
 * these never reach Javalin, whose handlers answer everything else.
 */
final class JettyProblemHandler extends ErrorHandler {
    JettyProblemHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, "the request is not valid HTTP: " + reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Problem.CONTENT_TYPE);
        response.getOutputStream().write(body(code, message == null ? HttpStatus.getMessage(code) : message));
    }

    private static byte[] body(int status, String detail) {
        String title = HttpStatus.getMessage(status);
        return Json.write(Problem.of(status, title, detail == null ? title : Printable.clip(detail)))
                .getBytes(StandardCharsets.UTF_8);
    }
}
