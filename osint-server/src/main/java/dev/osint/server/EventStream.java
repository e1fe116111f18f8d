package dev.osint.server;

import dev.osint.core.CollectorRegistry;
import dev.osint.core.Json;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.EventIds;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: every task's and worker's events as server-sent events, from the broker's event log,
 * so every API process sees every worker's. A client that reconnects with Last-Event-ID gets what it missed, as far
 * as the broker still keeps it (about {@link Broker#EVENTS_KEPT} events).
 */
final class EventStream {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final int REPLAY_BATCH = 500;

    private final EventHub hub;
    private final Broker broker;
    private final CollectorRegistry registry;
    private final Duration keepAlive;

    EventStream(EventHub hub, Broker broker, CollectorRegistry registry, Duration keepAlive) {
        this.hub = hub;
        this.broker = broker;
        this.registry = registry;
        this.keepAlive = keepAlive;
    }

    @OpenApi(path = ApiRoutes.EVENTS, methods = HttpMethod.GET, tags = "tasks", operationId = "streamEvents",
            summary = "Server-sent events of every task and worker, live",
            description = "Each event has an event: name, an id: and data: JSON. Task events (task-submitted,"
                    + " task-started, task-progress, task-retried, task-requeued, task-succeeded, task-failed,"
                    + " task-revoked) carry TaskEventData; worker events (worker-online, worker-heartbeat,"
                    + " worker-offline) carry WorkerEventData. A ': keep-alive' comment comes every 15 s. Reconnecting"
                    + " with the Last-Event-ID header (or last_event_id=) replays the events after that id that the"
                    + " broker still keeps (about 10,000).",
            queryParams = {
                    @OpenApiParam(name = "task", description = "Only this task's events"),
                    @OpenApiParam(name = "type", description = "Only events of tasks of this collector type"),
                    @OpenApiParam(name = "event", description = "Only these events, comma-separated, e.g. task-failed,worker-offline"),
                    @OpenApiParam(name = "last_event_id", description = "Resume after this event id (the Last-Event-ID header wins)")},
            headers = @OpenApiParam(name = LAST_EVENT_ID, description = "Resume after this event id, as EventSource sends it"),
            responses = {
                    @OpenApiResponse(status = "200", description = "text/event-stream; data: TaskEventData or WorkerEventData", content = @OpenApiContent(from = EventData.Payload.class, mimeType = "text/event-stream")),
                    @OpenApiResponse(status = "422", description = "A filter or the resume id is invalid; errors names each", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The broker is unreachable", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void stream(Context ctx) {
        QueryParams params = new QueryParams(ctx, "task", "type", "event", "last_event_id");
        EventFilter filter = EventFilter.from(params, registry);
        String resume = resumeAfter(ctx, params);
        params.check();
        try (EventHub.Subscription subscription = hub.subscribe(filter)) {
            SseWriter out = SseWriter.open(ctx);
            String sent = resume == null ? null : replay(out, subscription, filter, resume);
            while (true) {
                BrokerEvent event = subscription.next(keepAlive);
                if (event == null) {
                    out.comment("keep-alive");
                } else if (sent == null || EventIds.compare(event.id(), sent) > 0) {
                    write(out, event);
                    sent = event.id();
                }
            }
        } catch (IOException e) {
            log.debug("event stream ended: client went away");
        } catch (EventHub.Ended e) {
            log.debug("event stream ended by the server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The header wins over the parameter: a browser's EventSource sends the header when it reconnects. */
    private static String resumeAfter(Context ctx, QueryParams params) {
        String header = ctx.header(LAST_EVENT_ID);
        String id = header != null && !header.isBlank() ? header.strip() : params.text("last_event_id", 64);
        if (id != null && !EventIds.isValid(id)) {
            return params.problem(header != null ? LAST_EVENT_ID : "last_event_id",
                    "is not an event id this API gave, such as 1764669600000-0");
        }
        return id;
    }

    /**
     * Sends the kept events after {@code resume} up to where the subscription starts; the hub hands on the rest.
     * Answers the id of the last event the client has.
     */
    private String replay(SseWriter out, EventHub.Subscription subscription, EventFilter filter, String resume)
            throws IOException, InterruptedException {
        String cursor = resume;
        while (true) {
            List<BrokerEvent> kept = broker.events(cursor, REPLAY_BATCH, Duration.ZERO);
            if (kept.isEmpty()) {
                return resume;
            }
            for (BrokerEvent event : kept) {
                if (subscription.delivers(event.id())) {
                    return resume;
                }
                if (filter.test(event)) {
                    write(out, event);
                }
                cursor = event.id();
            }
        }
    }

    private static void write(SseWriter out, BrokerEvent event) throws IOException {
        out.event(event.type().wireName(), event.id(), Json.write(EventData.of(event)));
    }
}
