package dev.osint.collectors.net;

import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Sends one request and reads the whole answer within one deadline and a size cap. Network trouble becomes a
 * {@link RetryableCollectorException} naming the upstream; an oversize body a final {@link CollectorException}.
 */
final class HttpExchange {
    private HttpExchange() {}

    /**
     * @param name   the upstream as a person knows it, first word of every error text
     * @param redact applied to every text that could carry a secret (exception messages of the JDK)
     * @param timeoutSetting the variable that sets the timeout, named in the timeout's text; null for none
     */
    static RawResponse send(HttpClient http, HttpRequest request, String name, Duration timeout, long maxBytes,
                            UnaryOperator<String> redact, String timeoutSetting) throws InterruptedException {
        // HttpRequest.timeout only covers the wait for headers; the deadline below also covers a body that dribbles
        CappedBodySubscriber.Handler capped = new CappedBodySubscriber.Handler(maxBytes);
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, capped);
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new RawResponse(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(name, timeout, timeoutSetting);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (capped.exceeded()) {
                throw new CollectorException(name + " sent an answer larger than " + describeBytes(maxBytes)
                        + "; it was not read");
            }
            throw translate(e.getCause(), name, timeout, redact, timeoutSetting);
        }
    }

    /**
     * Sends {@code request} and waits for its headers and body until {@code deadlineNanos} ({@link System#nanoTime});
     * on a timeout or an interrupt the exchange is cancelled. For callers that judge the JDK's exceptions themselves
     * ({@link PageRequest}): a failed exchange is an {@link ExecutionException} around its cause.
     */
    static HttpResponse<byte[]> exchange(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<byte[]> body,
                                         long deadlineNanos)
            throws InterruptedException, TimeoutException, ExecutionException {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, body);
        try {
            return future.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private static CollectorException translate(Throwable cause, String name, Duration timeout,
                                                UnaryOperator<String> redact, String timeoutSetting) {
        if (find(cause, HttpTimeoutException.class) != null) {
            return timedOut(name, timeout, timeoutSetting);
        }
        if (find(cause, ConnectException.class) != null) {
            return new RetryableCollectorException(name + " could not be reached (connection refused or no route)",
                    null, null);
        }
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof IOException) {
            String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return new RetryableCollectorException(name + " failed on the network: " + redact.apply(detail), null,
                    null);
        }
        return new CollectorException(name + " request failed: " + redact.apply(String.valueOf(root)));
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static RetryableCollectorException timedOut(String name, Duration timeout, String timeoutSetting) {
        return new RetryableCollectorException(name + " did not answer within " + describe(timeout)
                + "; it will be tried again" + (timeoutSetting == null ? ""
                : " (" + timeoutSetting + " sets the timeout in seconds)"), null, null);
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }

    static String describeBytes(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
    }
}
