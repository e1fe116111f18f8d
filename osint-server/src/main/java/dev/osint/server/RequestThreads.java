package dev.osint.server;

import dev.osint.core.Settings;
import io.javalin.http.Handler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Which threads serve the API. Short requests run on a pool of platform threads ({@code OSINT_HTTP_THREADS}, 200):
 * Jetty then parses, handles and answers a request on the thread that read it, where a new virtual thread per
 * request cost a third more CPU per submission (docs/BENCHMARKS.md, "Tuning the request path"). Event streams
 * stay open for as long as their clients listen, so each runs on a virtual thread of its own ({@link #stream}):
 * however many are open, they never take the pool's threads from short requests.
 */
final class RequestThreads {
    static final int DEFAULT_THREADS = 200;
    /** Jetty's acceptor and selector need threads of the pool too, besides the requests. */
    static final int FEWEST_THREADS = 8;
    /**
     * {@code OSINT_HTTP_RESERVED_THREADS}: idle threads kept parked for Jetty's selector to hand its work to. With
     * one at hand, the selector's thread handles the request it found itself (its bytes still in that core's cache)
     * and the reserved thread takes over selecting; without one, the request is queued for another pool thread to be
     * woken for. Jetty's default, one per core (2 here), ran out under 64 keep-alive connections: 8 cost about a fifth
     * less CPU per {@code GET}; {@code POST}, measured only while still compiling, cost more (docs/BENCHMARKS.md,
     * "Jetty's reserved threads, one servlet filter, possessive route patterns"). A pool smaller than
     * {@link #DEFAULT_THREADS} keeps most of its threads for requests: at most one reserved per eight.
     */
    static final int RESERVED_THREADS = 8;

    private static final ExecutorService STREAMS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("event-stream-", 0).factory());

    private RequestThreads() {}

    /** {@code OSINT_HTTP_THREADS}: at most this many requests are handled at once; more wait for a thread. */
    static QueuedThreadPool pool(Settings settings) {
        int max = settings.integer("OSINT_HTTP_THREADS", DEFAULT_THREADS);
        if (max < FEWEST_THREADS) {
            throw new IllegalArgumentException("OSINT_HTTP_THREADS must be at least " + FEWEST_THREADS + ", got " + max);
        }
        QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(max, FEWEST_THREADS), 60_000);
        pool.setName("http");
        int reserved = settings.integer("OSINT_HTTP_RESERVED_THREADS", RESERVED_THREADS);
        if (reserved < 0) {
            throw new IllegalArgumentException("OSINT_HTTP_RESERVED_THREADS must be 0 or more, got " + reserved);
        }
        pool.setReservedThreads(Math.min(reserved, max / FEWEST_THREADS));
        return pool;
    }

    /** A long-lived handler moved off the request pool: the request goes async and the stream runs virtual. */
    static Handler stream(Handler handler) {
        return ctx -> ctx.async(config -> {
            config.executor = STREAMS;
            config.timeout = 0; // a stream ends when its client leaves or the server stops
        }, () -> handler.handle(ctx));
    }

}
