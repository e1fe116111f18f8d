package dev.osint.collectors.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a body into memory but gives up past a size, so a hostile upstream cannot exhaust the heap. */
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
        private volatile boolean exceeded;

        Handler(long maxBytes) {
            this.maxBytes = maxBytes;
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
        if (declaredLength > maxBytes) {
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
                tooLarge();
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.writeBytes(chunk);
        }
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
