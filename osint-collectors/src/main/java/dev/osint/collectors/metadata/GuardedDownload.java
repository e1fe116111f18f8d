package dev.osint.collectors.metadata;

import dev.osint.collectors.net.SsrfGuard;
import dev.osint.collectors.net.UpstreamRequest;
import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a file from a user-supplied URL as bytes: every hop checked by the {@link SsrfGuard} (at most
 * {@value SsrfGuard#MAX_REDIRECTS} redirects), the body streamed into memory and abandoned at the size cap, the whole
 * fetch within one deadline. This is the one place to switch to the guard's own bytes fetch pinned to the checked
 * address.
 */
final class GuardedDownload {
    /** What the URL answered, after redirects. */
    record Downloaded(URI url, String declaredType, byte[] body) {}

    private final SsrfGuard guard;

    GuardedDownload(SsrfGuard guard) {
        this.guard = guard;
    }

    Downloaded fetch(ScanContext context, URI url, MetadataLimits limits) throws InterruptedException {
        long deadline = System.nanoTime() + limits.fetchTimeout().toNanos();
        URI current = url;
        for (int hop = 0; hop <= SsrfGuard.MAX_REDIRECTS; hop++) {
            guard.check(current);
            context.throttle();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timedOut(url, limits);
            }
            HttpRequest request = HttpRequest.newBuilder(current).timeout(java.time.Duration.ofNanos(left))
                    .header("User-Agent", UpstreamRequest.USER_AGENT).GET().build();
            CappedBody handler = new CappedBody(limits.maxBytes());
            HttpResponse<byte[]> response = send(context, request, handler, left, url, limits);
            int status = response.statusCode();
            if (isRedirect(status)) {
                current = next(current, response);
                continue;
            }
            if (status == 429 || status >= 500) {
                throw new RetryableCollectorException(host(current) + " answered HTTP " + status + " for the file",
                        null, null);
            }
            if (status < 200 || status > 299) {
                throw new CollectorException(host(current) + " answered HTTP " + status + " for " + shown(current)
                        + "; there is no file to read");
            }
            return new Downloaded(current, response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        }
        throw new CollectorException("cannot fetch " + shown(url) + ": more than " + SsrfGuard.MAX_REDIRECTS
                + " redirects");
    }

    private static HttpResponse<byte[]> send(ScanContext context, HttpRequest request, CappedBody handler,
                                             long leftNanos, URI url, MetadataLimits limits)
            throws InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = context.http().sendAsync(request, handler);
        try {
            return future.get(leftNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(url, limits);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (handler.exceeded) {
                throw new CollectorException("the file at " + shown(request.uri()) + " is larger than "
                        + MetadataLimits.describe(limits.maxBytes()) + " (" + MetadataLimits.MAX_BYTES_SETTING
                        + "); it was not read");
            }
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(url, limits);
            }
            String name = host(request.uri());
            if (cause instanceof ConnectException) {
                throw new RetryableCollectorException(name + " could not be reached (connection refused or no"
                        + " route)", null, null);
            }
            if (cause instanceof IOException) {
                throw new RetryableCollectorException(name + " failed on the network: " + cause.getMessage(), null,
                        null);
            }
            throw new CollectorException(name + " request failed: " + cause);
        }
    }

    private static RetryableCollectorException timedOut(URI url, MetadataLimits limits) {
        return new RetryableCollectorException(host(url) + " did not send the file within "
                + limits.fetchTimeout().toSeconds() + " s (" + MetadataLimits.TIMEOUT_SETTING + ")", null, null);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI next(URI current, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new CollectorException(
                host(current) + " answered HTTP " + response.statusCode() + " without a Location to follow"));
        try {
            return current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CollectorException(host(current) + " redirected to an invalid URL: " + location);
        }
    }

    private static String host(URI url) {
        return url.getHost() == null ? String.valueOf(url.getRawAuthority()) : url.getHost();
    }

    /** The URL without user info or query, which may carry credentials. */
    private static String shown(URI url) {
        return url.getScheme() + "://" + host(url) + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Collects a body up to a cap; past it, or when the declared length is past it, gives up without reading on. */
    private static final class CappedBody implements HttpResponse.BodyHandler<byte[]> {
        private final long maxBytes;
        private volatile boolean exceeded;

        CappedBody(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            if (isRedirect(info.statusCode()) || info.statusCode() < 200 || info.statusCode() > 299) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Subscriber(declared);
        }

        private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
            private final long declared;
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private Flow.Subscription subscription;

            Subscriber(long declared) {
                this.declared = declared;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (declared > maxBytes) {
                    tooLarge();
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer item : items) {
                    if (buffer.size() + (long) item.remaining() > maxBytes) {
                        tooLarge();
                        return;
                    }
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    buffer.writeBytes(chunk);
                }
            }

            private void tooLarge() {
                exceeded = true;
                result.completeExceptionally(new IOException("body larger than " + maxBytes + " bytes"));
                subscription.cancel();
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(buffer.toByteArray());
            }

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }
        }
    }
}
