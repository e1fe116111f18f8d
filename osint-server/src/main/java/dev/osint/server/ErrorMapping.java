package dev.osint.server;

import dev.osint.core.InvalidTargetException;
import dev.osint.core.Json;
import dev.osint.core.Options;
import dev.osint.core.TargetKind;
import dev.osint.history.HistoryUnavailableException;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerUnavailableException;
import dev.osint.queue.QuotaExceededException;
import dev.osint.queue.TaskNotFinishedException;
import dev.osint.queue.UnknownCollectorException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error into an RFC 9457 problem: the ScanService's validation errors into 422s naming the field,
 * quotas into 429 (503 when the whole queue is full) with Retry-After, Javalin's own (404, 405, 413) into problems
 * of their status, and anything unexpected into a 503 when the broker
 * is down, else a 500 that is logged.
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private final Broker broker;
    private final ApiMetrics metrics;

    ErrorMapping(Broker broker, ApiMetrics metrics) {
        this.broker = broker;
        this.metrics = metrics;
    }

    void register(Javalin app) {
        app.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem()));
        app.exception(InvalidTargetException.class, (e, ctx) -> write(ctx, invalidTarget(e)));
        app.exception(UnknownCollectorException.class, (e, ctx) -> write(ctx, unknownType(e)));
        app.exception(Options.InvalidOptionsException.class, (e, ctx) -> write(ctx, invalidOptions(e)));
        app.exception(QuotaExceededException.class, (e, ctx) -> write(ctx, overQuota(e, ctx)));
        app.exception(TaskNotFinishedException.class, (e, ctx) -> write(ctx, notFinished(e, ctx)));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        app.exception(HistoryUnavailableException.class, (e, ctx) -> write(ctx, historyUnavailable(e, ctx)));
        app.exception(Exception.class, (e, ctx) -> write(ctx, unexpected(e, ctx)));
    }

    static void write(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(Json.write(problem));
    }

    private static Problem invalidTarget(InvalidTargetException e) {
        List<String> kinds = e.accepted().stream().sorted().map(TargetKind::wireName).toList();
        return Problem.validation(List.of(new FieldProblem("target",
                e.problem() + "; accepted kinds: " + String.join(", ", kinds))));
    }

    /** The message is built here, not taken from the exception, so the client's value is never echoed raw. */
    private static Problem unknownType(UnknownCollectorException e) {
        return Problem.validation(List.of(new FieldProblem("type",
                "is not a known collector type; available: " + String.join(", ", e.available()))));
    }

    /** One field per bad option, with the rule it broke. */
    private static Problem invalidOptions(Options.InvalidOptionsException e) {
        List<FieldProblem> fields = new ArrayList<>();
        for (Options.Problem problem : e.details()) {
            // option names come from the client: clipped like any echoed value
            fields.add(new FieldProblem(Printable.clip("options." + problem.option()), problem.message(),
                    problem.rule().wireName()));
        }
        return Problem.validation(fields);
    }

    /**
     * A quota a caller reached is a 429, the queue full for everybody a 503; both say when to try again in
     * Retry-After (whole seconds, at least one).
     */
    private Problem overQuota(QuotaExceededException e, Context ctx) {
        metrics.refused(e.quota().name().toLowerCase(Locale.ROOT));
        ctx.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        String who = Caller.of(ctx).isAnonymous() ? "from your address" : "with this API key";
        return switch (e.quota()) {
            case SUBMITS_PER_MINUTE -> new Problem(Problem.QUOTA_EXCEEDED, "Too Many Requests", 429, "more than "
                    + e.limit() + " scans a minute were submitted " + who + "; try again after Retry-After seconds"
                    + " (the operator sets " + e.quota().setting() + ")", null);
            case MAX_QUEUED -> new Problem(Problem.QUOTA_EXCEEDED, "Too Many Requests", 429, e.limit()
                    + " scans submitted " + who + " are unfinished; wait until some end, or cancel some (the"
                    + " operator sets " + e.quota().setting() + ")", null);
            case QUEUE_LENGTH -> new Problem(Problem.QUEUE_FULL, "Service Unavailable", 503, "the queue is full ("
                    + e.limit() + " unfinished scans); try again after Retry-After seconds (the operator sets "
                    + e.quota().setting() + ")", null);
        };
    }

    /** The history's database is down or refusing: the scans themselves are unaffected, so say exactly that. */
    private static Problem historyUnavailable(HistoryUnavailableException e, Context ctx) {
        log.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
        return new Problem(Problem.HISTORY_UNAVAILABLE, "History unavailable", 503,
                "the scan history's database does not answer; scans still run and their records are written once"
                        + " it is back. Check OSINT_DATABASE_URL and the database, then retry", null);
    }

    private static Problem notFinished(TaskNotFinishedException e, Context ctx) {
        return new Problem(Problem.TASK_NOT_FINISHED, "Task not finished", 409, "task '"
                + Printable.clip(ctx.pathParamMap().getOrDefault(TaskIds.PARAM, "")) + "' is " + e.state()
                + "; only a finished task (SUCCESS, FAILURE or REVOKED) can be run again: wait for it, or cancel it"
                + " first", null);
    }

    private static Problem fromJavalin(HttpResponseException e, Context ctx) {
        HttpStatus status = HttpStatus.forStatus(e.getStatus());
        String title = status == HttpStatus.UNKNOWN ? "Error" : status.getMessage();
        String detail = switch (e.getStatus()) {
            case 404 -> "no such endpoint: " + ctx.method() + " " + Printable.clip(ctx.path()) + "; see "
                    + ApiRoutes.DOCS;
            case 405 -> ctx.method() + " is not allowed on " + Printable.clip(ctx.path()) + "; allowed: "
                    + e.getDetails().getOrDefault("availableMethods", "see " + ApiRoutes.DOCS);
            case 413 -> "the request body is larger than the limit";
            default -> e.getMessage();
        };
        return Problem.of(e.getStatus(), title, detail);
    }

    /** A 5xx is a bug unless the broker is down, which a person can fix: say so, with a 503. */
    private Problem unexpected(Exception e, Context ctx) {
        if (isMalformedEscape(e)) {
            return Problem.of(400, "Bad Request", "the request path holds a malformed percent escape: '%' must be"
                    + " followed by two hexadecimal digits");
        }
        // a broker that says it is down needs no second opinion; anything else is checked with a ping
        if (e instanceof BrokerUnavailableException || !brokerReachable()) {
            log.warn("{} {} failed: broker {} unreachable ({})", ctx.method(), ctx.path(), broker.kind(), e.toString());
            return new Problem(Problem.BROKER_UNAVAILABLE, "Broker unavailable", 503,
                    "the task broker (" + broker.kind() + ") does not answer; check that it runs and that REDIS_URL"
                            + " points to it, then retry", null);
        }
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        return new Problem(Problem.INTERNAL, "Internal Server Error", 500,
                "the server failed to handle this request; the error is logged", null);
    }

    /** Javalin decodes path parameters with URLDecoder before any handler runs, and lets its error through. */
    private static boolean isMalformedEscape(Exception e) {
        return e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("URLDecoder:");
    }

    private boolean brokerReachable() {
        try {
            return broker.ping();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
