package dev.osint.server;

import dev.osint.core.TaskRecord;
import dev.osint.history.History;
import dev.osint.queue.ScanService;
import dev.osint.queue.SubmissionQuotas;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Submits, shows and cancels scans: HTTP in, {@link ScanService} out. */
final class ScanController {
    private final ScanService scans;
    private final ApiMetrics metrics;
    private final int maxBodyBytes;
    private final SubmissionQuotas quotas;
    private final com.fasterxml.jackson.databind.ObjectReader bodies;
    private final Optional<History> history;
    /** Where a status answer that may block (the history, an error's mapping) is finished: the request pool. */
    private final Executor requestThreads;
    private final StatusBodies statusBodies = new StatusBodies();
    /** The broker hands out one record per state of a task, so that state's answer can be kept. */
    private final boolean sharedRecords;
    /** The broker hands out one record for a final task until it changes (Redis's kept records). */
    private final boolean sharedFinalRecords;

    ScanController(ScanService scans, ApiMetrics metrics, int maxBodyBytes, SubmissionQuotas quotas,
                   Optional<History> history, Executor requestThreads) {
        this.requestThreads = requestThreads;
        this.scans = scans;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.quotas = quotas;
        this.bodies = RequestJson.reader(maxBodyBytes);
        this.history = history;
        this.sharedRecords = scans.broker().sharesRecords();
        this.sharedFinalRecords = scans.broker().sharesFinalRecords();
    }

    @OpenApi(path = ApiRoutes.SCAN, methods = HttpMethod.POST, tags = "scans", operationId = "submitScan",
            summary = "Queue a scan of a target by one collector",
            description = "Validates the target, type and options, queues the task and answers at once.",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ScanSubmission.class)),
            responses = {
                    @OpenApiResponse(status = "200", description = "Queued", content = @OpenApiContent(from = ScanAccepted.class)),
                    @OpenApiResponse(status = "400", description = "Malformed JSON or empty body", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "413", description = "Body larger than OSINT_MAX_BODY_BYTES (the document says the limit in force)", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "415", description = "Content-Type is not JSON", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "422", description = "A field is missing or invalid: target, type, options (unknown, wrong type, out of range, not allowed, operator only) or priority; or the body nests too deep or holds a string or number past the parsing limits; errors names each", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "429", description = "A quota of this API key (or client address) is reached: scans a minute or unfinished scans; see Retry-After", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The broker is unreachable, or the queue is full (then with Retry-After)", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void submit(Context ctx) {
        requireJson(ctx);
        TaskRecord task = scans.submit(ScanSubmission.parse(BoundedBody.read(ctx, maxBodyBytes), bodies),
                Caller.of(ctx).id(), quotas);
        metrics.scanSubmitted(task.type());
        JsonAnswer.send(ctx, ScanAccepted.of(task));
    }

    @OpenApi(path = ApiRoutes.SCAN_TASK, methods = HttpMethod.GET, tags = "scans", operationId = "getScan",
            summary = "A task's state, progress and result",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true, description = "The id POST /api/v1/scan gave"),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScanStatus.class)),
                    @OpenApiResponse(status = "404", description = "Unknown task, or expired and not in the history", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The broker is unreachable", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void status(Context ctx) {
        String id = TaskIds.from(ctx);
        CompletableFuture<Optional<TaskRecord>> read = scans.statusAsync(id).toCompletableFuture();
        if (read.isDone()) { // a broker in this process: answered on this thread, no asynchronous request
            answerStatus(ctx, id, read.join());
            return;
        }
        // a broker over the network: no request thread waits for it; the answer is written when Redis's arrives
        ctx.future(() -> {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            read.whenComplete((task, failure) -> answerWhenRead(ctx, id, task, failure, answered));
            return answered;
        });
    }

    /**
     * Runs on the broker's I/O thread: a task the broker knows is answered right there (nothing in it blocks). An
     * unknown one (the history is a database) and any failure are finished on a request thread, which also
     * completes {@code answered}: Javalin maps a failure on the thread that completes it, and the mapping may ping
     * the broker, whose answer only the I/O thread can read.
     */
    private void answerWhenRead(Context ctx, String id, Optional<TaskRecord> task, Throwable failure,
                                CompletableFuture<Void> answered) {
        Throwable error = failure;
        if (error == null && task.isPresent()) {
            try {
                sendStatus(ctx, task.get());
                answered.complete(null);
                return;
            } catch (RuntimeException e) {
                error = e;
            }
        }
        Throwable failed = error;
        requestThreads.execute(() -> {
            try {
                if (failed != null) {
                    answered.completeExceptionally(failed);
                } else {
                    answerStatus(ctx, id, task);
                    answered.complete(null);
                }
            } catch (RuntimeException e) {
                answered.completeExceptionally(e);
            }
        });
    }

    /**
     * The broker's record, else (once the broker has forgotten a finished task) the history's, else 404. Only a
     * broker that hands out the same record until the task changes can have its answers reused (the in-process broker's
     * every record, Redis's final ones): a record built per read (the history's) would take a slot it never hits.
     */
    private void answerStatus(Context ctx, String id, Optional<TaskRecord> fromBroker) {
        if (fromBroker.isPresent()) {
            sendStatus(ctx, fromBroker.get());
            return;
        }
        TaskRecord task = history.flatMap(h -> h.task(id)).orElseThrow(() -> TaskIds.notFound(id));
        JsonAnswer.send(ctx, ScanStatus.of(task));
    }

    /** A broker's record: its answer from {@link StatusBodies} when the broker hands this record out again. */
    private void sendStatus(Context ctx, TaskRecord task) {
        if (sharedRecords || (sharedFinalRecords && task.state().isFinal())) {
            JsonAnswer.sendBytes(ctx, statusBodies.body(task));
        } else {
            JsonAnswer.send(ctx, ScanStatus.of(task));
        }
    }

    @OpenApi(path = ApiRoutes.SCAN_CANCEL, methods = HttpMethod.GET, tags = "scans", operationId = "cancelScanGet",
            summary = "Cancel a task (the seed's verb)",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScanCancellation.class)),
                    @OpenApiResponse(status = "404", description = "Unknown or expired task", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    @OpenApi(path = ApiRoutes.SCAN_CANCEL, methods = HttpMethod.POST, tags = "scans", operationId = "cancelScanPost",
            summary = "Cancel a task",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScanCancellation.class)),
                    @OpenApiResponse(status = "404", description = "Unknown or expired task", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    @OpenApi(path = ApiRoutes.SCAN_CANCEL, methods = HttpMethod.DELETE, tags = "scans", operationId = "cancelScanDelete",
            summary = "Cancel a task",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScanCancellation.class)),
                    @OpenApiResponse(status = "404", description = "Unknown or expired task", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    @OpenApi(path = ApiRoutes.SCAN_TASK, methods = HttpMethod.DELETE, tags = "scans", operationId = "deleteScan",
            summary = "Cancel a task",
            description = "A waiting task never runs; a running one is stopped by its worker; a finished one keeps its state.",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScanCancellation.class)),
                    @OpenApiResponse(status = "404", description = "Unknown or expired task", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void cancel(Context ctx) {
        String id = TaskIds.from(ctx);
        JsonAnswer.send(ctx, scans.cancel(id).map(state -> ScanCancellation.of(id, state))
                .orElseThrow(() -> TaskIds.notFound(id)));
    }

    @OpenApi(path = ApiRoutes.SCAN_RETRY, methods = HttpMethod.POST, tags = "scans", operationId = "retryScan",
            summary = "Run a finished task's request again as a new task",
            description = "Queues the target, type, options and priority of a SUCCESS, FAILURE or REVOKED task as a new"
                    + " task and answers as POST /api/v1/scan does, with the new task's id.",
            pathParams = @OpenApiParam(name = TaskIds.PARAM, required = true, description = "The finished task"),
            responses = {
                    @OpenApiResponse(status = "200", description = "Queued", content = @OpenApiContent(from = ScanAccepted.class)),
                    @OpenApiResponse(status = "404", description = "Unknown or expired task", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "409", description = "The task still waits or runs", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "422", description = "The request is no longer valid (e.g. an option the collector dropped)", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "429", description = "A quota of this API key (or client address) is reached; see Retry-After", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The broker is unreachable, or the queue is full (then with Retry-After)", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void retry(Context ctx) {
        String id = TaskIds.from(ctx);
        TaskRecord task = scans.resubmit(id, Caller.of(ctx).id(), quotas).orElseThrow(() -> TaskIds.notFound(id));
        metrics.scanSubmitted(task.type());
        JsonAnswer.send(ctx, ScanAccepted.of(task));
    }

    /** A body without Content-Type is read as JSON; any other type than JSON is refused with 415. */
    private static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || type.isBlank() || type.equals("application/json")) { // the last as nearly all send it
            return;
        }
        String mime = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new ProblemException(Problem.of(415, "Unsupported Media Type",
                    "the body must be JSON, sent with Content-Type: application/json; got '" + Printable.clip(type)
                            + "'"));
        }
    }
}
