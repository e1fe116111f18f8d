package dev.osint.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.queue.BrokerUnavailableException;
import dev.osint.queue.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No caller waits for Redis for ever: an interrupt, a close of the link or of a group commit ends every wait, even
 * while Redis answers nothing at all (a server of this class's own, paused with CLIENT PAUSE).
 */
class RedisWaitsTest {
    /** Far longer than any test here waits: an answer that comes only by the command timeout is a hang. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final long PAUSE_MS = 4_000;

    @TempDir
    static Path dir;
    private static RedisProcess server;
    private static RedisClient admin;
    private RedisLink link;

    @BeforeAll
    static void startServer() {
        server = RedisProcess.start(dir, false);
        admin = RedisClient.create(server.url());
    }

    @AfterAll
    static void stopServer() {
        admin.shutdown();
        server.close();
    }

    @BeforeEach
    void connect() {
        link = new RedisLink(server.url(), COMMAND_TIMEOUT, List.of(), (channel, message) -> { });
        assertThat(link.ping()).isTrue(); // connections open and scripts loaded before Redis goes silent
    }

    @AfterEach
    void closeAndEndThePause() {
        link.close();
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
        }
    }

    private void silenceRedis() {
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().clientPause(PAUSE_MS); // every client, every command (mode ALL)
        }
    }

    /** Runs {@code call} on a thread of its own; the future holds what it threw. */
    private static CompletableFuture<Void> onItsOwnThread(Runnable call, AtomicBoolean stillInterrupted,
                                                          List<Thread> threads) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            Throwable failure = null;
            try {
                call.run();
            } catch (Throwable e) {
                failure = e;
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted()); // before the test reads it
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        threads.add(thread);
        return done;
    }

    private static Throwable failureOf(CompletableFuture<Void> call, long withinMillis) throws Exception {
        try {
            call.get(withinMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call answered although Redis was silent");
    }

    @Test
    void anInterruptedCallerStopsWaitingSoonAndKeepsItsInterrupt() throws Exception {
        silenceRedis();
        AtomicBoolean interrupted = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        CompletableFuture<Void> call = onItsOwnThread(() -> link.call(RedisAsyncCommands::ping), interrupted,
                threads);
        Thread.sleep(200);
        threads.getFirst().interrupt();
        assertThat(failureOf(call, 2_000)).isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("interrupted");
        assertThat(interrupted).isTrue();
    }

    @Test
    void closingTheLinkEndsACallWaitingForAnAnswer() throws Exception {
        silenceRedis();
        List<Thread> threads = new ArrayList<>();
        CompletableFuture<Void> call = onItsOwnThread(() -> link.call(RedisAsyncCommands::ping), new AtomicBoolean(),
                threads);
        Thread.sleep(200);
        link.close();
        assertThat(failureOf(call, 3_000)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aCallAfterTheLinkClosedFailsAtOnce() {
        link.close();
        assertThatThrownBy(() -> link.call(RedisAsyncCommands::ping)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aGroupCommitAnswersACallMadeAfterItClosed() {
        GroupCommit commit = new GroupCommit(link, LuaScript.RENEW, "{test}:", "1000");
        commit.close();
        assertThatThrownBy(() -> commit.call("task", "token")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closingAGroupCommitAnswersTheCallsWaitingForASlot() throws Exception {
        GroupCommit commit = new GroupCommit(link, LuaScript.RENEW, "{test}:", "1000");
        silenceRedis();
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        // two batches go on the wire and get no answer; the third call waits for a slot, the fourth behind it
        for (int i = 0; i < 4; i++) {
            String id = "task-" + i;
            calls.add(onItsOwnThread(() -> commit.call(id, "token"), new AtomicBoolean(), threads));
            Thread.sleep(150);
        }
        commit.close();
        assertThat(failureOf(calls.get(2), 1_000)).isInstanceOf(IllegalStateException.class);
        assertThat(failureOf(calls.get(3), 1_000)).isInstanceOf(IllegalStateException.class);
    }
}
