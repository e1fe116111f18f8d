package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Settings;
import dev.osint.queue.PingCollector;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ReservedThreadExecutor;
import org.junit.jupiter.api.Test;

/** Short requests run on a bounded pool of platform threads; event streams never hold those threads. */
class RequestThreadsTest {
    /** Twice as many streams as the pool has threads: each would hold one if streams ran on the pool. */
    private static final int POOL = RequestThreads.FEWEST_THREADS;
    private static final int STREAMS = 2 * POOL;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void openEventStreamsLeaveThePoolToShortRequests() throws Exception {
        try (ApiFixture api = anApi().with(new PingCollector())
                .withSettings(Map.of("OSINT_HTTP_THREADS", Integer.toString(POOL))).start()) {
            List<CompletableFuture<HttpResponse<InputStream>>> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String path = i % 2 == 0 ? "/api/v1/events" : "/api/v1/scan/" + api.submit("ping", "example.test")
                        + "/events";
                streams.add(ApiFixture.HTTP.sendAsync(HttpRequest.newBuilder(api.uri(path)).timeout(WAIT)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream()));
            }
            try {
                for (CompletableFuture<HttpResponse<InputStream>> stream : streams) {
                    assertThat(stream.get().statusCode()).isEqualTo(200); // headers in: the stream is open
                }
                HttpResponse<String> collectors = ApiFixture.HTTP.send(HttpRequest.newBuilder(
                        api.uri("/api/v1/collectors")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(collectors.statusCode()).isEqualTo(200);
            } finally {
                for (CompletableFuture<HttpResponse<InputStream>> stream : streams) {
                    stream.thenAccept(response -> close(response.body()));
                }
            }
        }
    }

    @Test
    void aStreamsInvalidFilterIsStillA422() {
        try (ApiFixture api = anApi().with(new PingCollector()).start()) {
            HttpResponse<String> answer = api.get("/api/v1/events?event=no-such-event");
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith(Problem.CONTENT_TYPE));
        }
    }

    @Test
    void tooSmallAPoolIsRefused() {
        assertThatThrownBy(() -> RequestThreads.pool(new Settings(Map.of("OSINT_HTTP_THREADS", "2"))))
                .hasMessageContaining("OSINT_HTTP_THREADS");
    }

    /** Jetty's default (one per core) ran out under 64 connections, queueing requests for a woken thread. */
    @Test
    void theSelectorHasThreadsReservedToHandItsRequestsTo() throws Exception {
        QueuedThreadPool pool = RequestThreads.pool(new Settings(Map.of()));
        assertThat(pool.getReservedThreads()).isEqualTo(RequestThreads.RESERVED_THREADS).isGreaterThan(2);
        assertThat(RequestThreads.pool(new Settings(Map.of("OSINT_HTTP_THREADS", Integer.toString(POOL))))
                .getReservedThreads()).as("a small pool keeps its threads for requests").isEqualTo(1);
        assertThat(RequestThreads.pool(new Settings(Map.of("OSINT_HTTP_RESERVED_THREADS", "0")))
                .getReservedThreads()).as("none: every request queued for a pool thread").isZero();
        assertThatThrownBy(() -> RequestThreads.pool(new Settings(Map.of("OSINT_HTTP_RESERVED_THREADS", "-1"))))
                .hasMessageContaining("OSINT_HTTP_RESERVED_THREADS");
        pool.start();
        try {
            assertThat(pool.getBean(ReservedThreadExecutor.class).getCapacity())
                    .isEqualTo(RequestThreads.RESERVED_THREADS);
        } finally {
            pool.stop();
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (java.io.IOException ignored) {
            // the stream is gone either way
        }
    }
}
