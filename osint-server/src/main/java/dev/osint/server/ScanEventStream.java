package dev.osint.server;

import dev.osint.core.Json;
import dev.osint.core.TaskRecord;
import dev.osint.queue.ScanService;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a task's changes as server-sent events: each new state or progress as the status endpoint's JSON, until
 * a final state. The request's own (virtual) thread polls the broker, so a stream costs no platform thread.
 */
final class ScanEventStream {
    private static final Logger log = LoggerFactory.getLogger(ScanEventStream.class);

    private final ScanService scans;
    private final Duration pollInterval;
    /** A comment line this often finds a client that went away, and keeps proxies from timing the stream out. */
    private final Duration keepAlive;

    ScanEventStream(ScanService scans, Duration pollInterval, Duration keepAlive) {
        this.scans = scans;
        this.pollInterval = pollInterval;
        this.keepAlive = keepAlive;
    }

    @OpenApi(path = ApiRoutes.SCAN_EVENTS, methods = HttpMethod.GET, tags = "scans", operationId = "streamScan",
            summary = "Server-sent events: each change of the task, until it is final",
            description = "Each event's data is the JSON of GET /api/v1/scan/{task_id}; the stream ends after SUCCESS,"
                    + " FAILURE or REVOKED (close your EventSource then, or it reconnects and gets the final state again).",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            responses = {
                    @OpenApiResponse(status = "200", description = "text/event-stream; data: ScanStatus", content = @OpenApiContent(from = ScanStatus.class, mimeType = "text/event-stream")),
                    @OpenApiResponse(status = "404", description = "Unknown or expired task", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void stream(Context ctx) {
        String id = TaskIds.from(ctx);
        TaskRecord task = scans.status(id).orElseThrow(() -> TaskIds.notFound(id));
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            follow(id, task, response.getOutputStream());
        } catch (IOException e) {
            log.debug("event stream of task {} ended: client went away", id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the headers are sent: a problem answer is no longer possible, so the stream just ends
            log.warn("event stream of task {} stopped: {}", id, e.toString());
        }
    }

    private void follow(String id, TaskRecord first, OutputStream out) throws IOException, InterruptedException {
        TaskRecord task = first;
        String last = null;
        long eventId = 0;
        long lastWrite = System.nanoTime();
        while (true) {
            String json = Json.write(ScanStatus.of(task));
            if (!json.equals(last)) {
                write(out, "id: " + ++eventId + "\ndata: " + json + "\n\n");
                last = json;
                lastWrite = System.nanoTime();
            } else if (System.nanoTime() - lastWrite >= keepAlive.toNanos()) {
                write(out, ": keep-alive\n\n");
                lastWrite = System.nanoTime();
            }
            if (task.state().isFinal()) {
                return;
            }
            Thread.sleep(pollInterval);
            Optional<TaskRecord> next = scans.status(id);
            if (next.isEmpty()) {
                return; // expired while watched: a reconnect gets the 404
            }
            task = next.get();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
