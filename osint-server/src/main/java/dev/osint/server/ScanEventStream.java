package dev.osint.server;

import dev.osint.core.Json;
import dev.osint.core.TaskRecord;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.ScanService;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one task's changes as server-sent events: each new state or progress as the status endpoint's JSON, until
 * a final state. Woken by the task's events from the {@link EventHub} rather than by polling the broker; when no
 * event comes for a keep-alive period the task is read once more all the same.
 */
final class ScanEventStream {
    private static final Logger log = LoggerFactory.getLogger(ScanEventStream.class);

    private final ScanService scans;
    private final EventHub hub;
    /** A comment line this often finds a client that went away, and keeps proxies from timing the stream out. */
    private final Duration keepAlive;

    ScanEventStream(ScanService scans, EventHub hub, Duration keepAlive) {
        this.scans = scans;
        this.hub = hub;
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
        // subscribed before the first read: a change after that read always comes as an event
        try (EventHub.Subscription changes = hub.subscribe(
                event -> event instanceof BrokerEvent.TaskEvent task && task.taskId().equals(id))) {
            TaskRecord task = scans.status(id).orElseThrow(() -> TaskIds.notFound(id));
            follow(id, task, changes, SseWriter.open(ctx));
        } catch (IOException e) {
            log.debug("event stream of task {} ended: client went away", id);
        } catch (EventHub.Ended e) {
            log.debug("event stream of task {} ended by the server", id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                throw e; // no byte sent yet: the client gets a problem answer (a 503 when the broker is down)
            }
            // the headers are sent: a problem answer is no longer possible, so the stream just ends
            log.warn("event stream of task {} stopped: {}", id, e.toString());
        }
    }

    private void follow(String id, TaskRecord first, EventHub.Subscription changes, SseWriter out)
            throws IOException, InterruptedException, EventHub.Ended {
        TaskRecord task = first;
        String last = null;
        long eventId = 0;
        while (true) {
            String json = Json.write(ScanStatus.of(task));
            if (!json.equals(last)) {
                out.event(null, Long.toString(++eventId), json);
                last = json;
            }
            if (task.state().isFinal()) {
                return;
            }
            if (changes.next(keepAlive) == null) {
                out.comment("keep-alive");
            }
            Optional<TaskRecord> next = scans.status(id);
            if (next.isEmpty()) {
                return; // expired while watched: a reconnect gets the 404
            }
            task = next.get();
        }
    }
}
