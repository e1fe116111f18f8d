package dev.osint.collectors.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a body into memory but gives up past a size, so a hostile upstream cannot exhaust the heap; or, for pages
 * read only for markers near their top, keeps the first bytes and hangs up ({@link Handler#truncating}).
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final long declaredLength;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final Handler handler;
    private Flow.Subscription subscription;

    private CappedBodySubscriber(long maxBytes, long declaredLength, Handler handler) {
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.handler = handler;
    }

    /**
     * Makes capped subscribers and remembers whether the cap was hit: cancelling the stream may fail the exchange
     * with a plain "stream cancelled" before the size error arrives, so the caller asks here.
     */
    static final class Handler implements HttpResponse.BodyHandler<byte[]> {
        private final long maxBytes;
        private final boolean truncate;
        private volatile boolean exceeded;

        Handler(long maxBytes) {
            this(maxBytes, false);
        }

        private Handler(long maxBytes, boolean truncate) {
            this.maxBytes = maxBytes;
            this.truncate = truncate;
        }

        /** Keeps the first {@code maxBytes} of a longer body instead of refusing it; {@link #exceeded} tells. */
        static Handler truncating(long maxBytes) {
            return new Handler(maxBytes, true);
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            return new CappedBodySubscriber(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1),
                    this);
        }

        boolean exceeded() {
            return exceeded;
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > maxBytes && !handler.truncate) {
            // refused before a single byte is read
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
                if (handler.truncate) {
                    keepFirst(item);
                } else {
                    tooLarge();
                }
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.writeBytes(chunk);
        }
    }

    private void keepFirst(ByteBuffer item) {
        byte[] chunk = new byte[(int) (maxBytes - buffer.size())];
        item.get(chunk);
        buffer.writeBytes(chunk);
        handler.exceeded = true;
        result.complete(buffer.toByteArray());
        subscription.cancel();
    }

    private void tooLarge() {
        handler.exceeded = true;
        result.completeExceptionally(new BodyTooLargeException(maxBytes));
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

    /** The body passed the cap. */
    static final class BodyTooLargeException extends IOException {
        final long maxBytes;

        BodyTooLargeException(long maxBytes) {
            super("body larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }
}
