package dev.osint.queue.redis;

import dev.osint.queue.BrokerUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One process's connections to one Redis server: one for scripts and one for plain commands, each shared by
 * every thread (Lettuce pipelines their commands), one for pub/sub, and one for blocking reads of the event stream
 * (a blocked command would hold up every command queued behind it on a shared connection), and one for uploaded
 * files (writing or reading a file of tens of megabytes would hold them up too), and in an API process one for
 * status reads whose keys Redis tracks ({@link FinalTaskCache}). Opened on first use, so a process started
 * while Redis is down recovers by itself; once open, Lettuce reconnects and resubscribes after an outage. Every
 * failure to reach Redis becomes a {@link BrokerUnavailableException}.
 */
final class RedisLink implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long an interrupted caller still waits for an answer already on its way: a round trip, with room. */
    private static final Duration INTERRUPTED_GRACE = Duration.ofMillis(500);
    private static final RedisCodec<String, byte[]> SCRIPT_CODEC = RedisCodec.of(StringCodec.UTF8,
            ByteArrayCodec.INSTANCE);
    /**
     * The buffers every connection reads and writes with. Netty's default (adaptive) allocator pools nothing over
     * about 16 KiB when the heap is at most 512 MiB, as a worker's is: a batch of finishes or a take's reply then
     * got a direct buffer of its own, and on JDK 25 freeing one closes a shared memory arena, which stops every
     * thread of the JVM for a handshake (a few microseconds of CPU a task, most of a worker's VM thread). The
     * pooled allocator keeps such buffers in chunks of its own and reuses them.
     */
    static final ByteBufAllocator BUFFERS = PooledByteBufAllocator.DEFAULT;

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final List<String> channels;
    private final BiConsumer<String, String> onMessage;
    private final String address;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, byte[]> scriptConnection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile StatefulRedisConnection<String, String> blockingConnection;
    private volatile StatefulRedisConnection<String, byte[]> blobConnection;
    private StatefulRedisConnection<String, String> trackedConnection;
    private volatile boolean closed;

    RedisLink(String url, Duration commandTimeout, List<String> channels, BiConsumer<String, String> onMessage) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(commandTimeout);
        this.address = describe(uri);
        this.channels = List.copyOf(channels);
        this.onMessage = onMessage;
        // Lettuce's default backoff grows to 30 s; a worker should be back within a couple of seconds of Redis.
        this.resources = ClientResources.builder()
                // nobody reads Lettuce's per-command latency histograms; recording them wrapped every command in
                // one more object and took two clock readings and a histogram update on the I/O thread
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterBootstrapInitialized(Bootstrap bootstrap) {
                        bootstrap.option(ChannelOption.ALLOCATOR, BUFFERS);
                    }
                })
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // fail at once while disconnected instead of queueing commands until Redis is back
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /** {@code host:port}, for messages; never the password. */
    String address() {
        return address;
    }

    /**
     * {@code host:port}, or for a {@code redis-sentinel://} URL the master's name and the sentinels asked for it:
     * Lettuce asks them for the master's address on every (re)connect, so the broker follows a failover.
     */
    static String describe(RedisURI uri) {
        if (uri.getSentinels().isEmpty()) {
            return uri.getHost() + ":" + uri.getPort();
        }
        StringBuilder sentinels = new StringBuilder();
        for (RedisURI sentinel : uri.getSentinels()) {
            sentinels.append(sentinels.isEmpty() ? "" : ",").append(sentinel.getHost()).append(':')
                    .append(sentinel.getPort());
        }
        return "master " + uri.getSentinelMasterId() + " via sentinels " + sentinels;
    }

    /** Runs a script by digest, loading it first when Redis does not know it (first use, or after a restart). */
    <T> T eval(LuaScript script, ScriptOutputType type, String key, String... args) {
        return await(this.<T>evalAsync(script, type, key, args));
    }

    /**
     * Runs a script without waiting; a NOSCRIPT answer loads the script and runs it again. Arguments travel as
     * bytes encoded here in bulk (Netty's character-by-character UTF-8 path was a worker's largest cost), and
     * bulk replies come back as Strings.
     */
    <T> CompletableFuture<T> evalAsync(LuaScript script, ScriptOutputType type, String key, String... args) {
        String[] keys = {key};
        byte[][] values = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        RedisAsyncCommands<String, byte[]> commands = scriptCommands();
        CompletableFuture<Object> first = commands.evalsha(script.sha(), type, keys, values).toCompletableFuture();
        return first.exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (!(cause instanceof RedisNoScriptException)) {
                return CompletableFuture.failedFuture(translate(cause));
            }
            return commands.scriptLoad(script.source()).toCompletableFuture()
                    .thenCompose(sha -> commands.evalsha(script.sha(), type, keys, values).toCompletableFuture());
        }).thenApply(RedisLink::strings);
    }

    @SuppressWarnings("unchecked")
    private static <T> T strings(Object reply) {
        if (reply instanceof byte[] bytes) {
            return (T) new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (Object item : list) {
                converted.add(strings(item));
            }
            return (T) converted;
        }
        return (T) reply;
    }

    /** Runs plain commands and waits for the answer. */
    <T> T call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return await(command.apply(commands()));
    }

    /**
     * Runs a plain command without waiting: the stage completes on Lettuce's I/O thread with the answer, or with the
     * failure {@link #call} would throw (a {@link BrokerUnavailableException} when Redis is away), so nothing chained
     * to it may block.
     */
    <T> CompletableFuture<T> callAsync(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return callAsync(this::commands, command);
    }

    /** {@link #callAsync} on the given connection's commands (the tracked status reads' connection). */
    <T> CompletableFuture<T> callAsync(Supplier<RedisAsyncCommands<String, String>> on,
                                       Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        RedisFuture<T> sent;
        try {
            sent = command.apply(on.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(e));
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        sent.whenComplete((value, failure) -> {
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(translate(failure instanceof CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : failure));
            }
        });
        return answer;
    }

    /**
     * Runs a command on an uploaded file (its values are bytes) and waits for the answer, on the connection kept
     * for files: the scripts' pipelined connection never waits behind a file's transfer.
     */
    <T> T callBinary(Function<RedisAsyncCommands<String, byte[]>, RedisFuture<T>> command) {
        return await(command.apply(blobCommands()));
    }

    /** Sends a command now; its answer is collected later with {@link #await}, so several share a round trip. */
    <T> RedisFuture<T> send(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return command.apply(commands());
    }

    /**
     * Runs a blocking command (XREAD BLOCK) on the connection kept for them and waits for the answer; callers take
     * turns on it. The command must block for less than {@code OSINT_REDIS_TIMEOUT}.
     */
    <T> T callBlocking(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return await(command.apply(blockingCommands()));
    }

    /** The longest answer wait of one command ({@code OSINT_REDIS_TIMEOUT}). */
    Duration commandTimeout() {
        return uri.getTimeout();
    }

    boolean ping() {
        try {
            return "PONG".equals(call(RedisAsyncCommands::ping));
        } catch (BrokerUnavailableException e) {
            return false;
        }
    }

    /**
     * Waits for an answer. Every command ends by {@code OSINT_REDIS_TIMEOUT}, answered or failed, and closing the
     * link fails what is still on its way, so an undisturbed wait needs no timer of its own (on a virtual thread a
     * timed park costs a scheduler round). An interrupt ends the wait: the answer already on its way still gets
     * {@link #INTERRUPTED_GRACE} (a worker interrupted by a revoke or its time limit should learn whether its final
     * write happened), then the wait fails with a {@link BrokerUnavailableException}. The interrupt is kept for
     * the caller either way.
     */
    <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            try {
                return future.get(INTERRUPTED_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException | TimeoutException again) {
                throw new BrokerUnavailableException("interrupted while waiting for Redis at " + address
                        + ", which had not answered", e);
            } catch (ExecutionException failed) {
                throw translate(failed);
            } finally {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(ExecutionException failed) {
        Throwable cause = failed.getCause();
        return translate(cause instanceof CompletionException ? cause.getCause() : cause);
    }

    private RuntimeException translate(Throwable cause) {
        if (cause instanceof BrokerUnavailableException || cause instanceof IllegalStateException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof RedisLoadingException || cause instanceof RedisBusyException) {
            return unreachable(cause);
        }
        if (cause instanceof RedisCommandExecutionException) {
            String message = String.valueOf(cause.getMessage());
            // READONLY: the server was a master and is a replica now (a failover); the next connection asks
            // the sentinels again
            if (message.startsWith("MASTERDOWN") || message.startsWith("CLUSTERDOWN")
                    || message.startsWith("TRYAGAIN") || message.startsWith("READONLY")) {
                return unreachable(cause);
            }
            return new IllegalStateException("Redis at " + address + " refused a broker command: " + message, cause);
        }
        return unreachable(cause);
    }

    private BrokerUnavailableException unreachable(Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new BrokerUnavailableException("Redis at " + address + " is unreachable: " + reason, cause);
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null) {
            connect();
            open = connection;
        }
        return open.async();
    }

    private RedisAsyncCommands<String, String> blockingCommands() {
        StatefulRedisConnection<String, String> open = blockingConnection;
        if (open == null) {
            open = connectBlocking();
        }
        return open.async();
    }

    private synchronized StatefulRedisConnection<String, String> connectBlocking() {
        if (closed) {
            throw new IllegalStateException("the Redis broker for " + address + " is closed");
        }
        if (blockingConnection == null) {
            try {
                blockingConnection = client.connect(StringCodec.UTF8, uri);
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
        }
        return blockingConnection;
    }

    /**
     * Opens the connection kept for status reads whose keys Redis tracks ({@link FinalTaskCache}), once: a
     * connection of its own, so that tracking and the invalidations it brings cover those keys only. Its pushes
     * and its connects and disconnects (Lettuce reconnects it like the others) go to the listeners given.
     */
    synchronized StatefulRedisConnection<String, String> connectTracked(PushListener pushes,
                                                                        RedisConnectionStateListener states) {
        if (closed) {
            throw new IllegalStateException("the Redis broker for " + address + " is closed");
        }
        if (trackedConnection == null) {
            try {
                StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8, uri);
                opened.addListener(pushes);
                opened.addListener(states);
                trackedConnection = opened;
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
        }
        return trackedConnection;
    }

    private RedisAsyncCommands<String, byte[]> blobCommands() {
        StatefulRedisConnection<String, byte[]> open = blobConnection;
        if (open == null) {
            open = connectBlobs();
        }
        return open.async();
    }

    private synchronized StatefulRedisConnection<String, byte[]> connectBlobs() {
        if (closed) {
            throw new IllegalStateException("the Redis broker for " + address + " is closed");
        }
        if (blobConnection == null) {
            try {
                blobConnection = client.connect(SCRIPT_CODEC, uri);
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
        }
        return blobConnection;
    }

    private RedisAsyncCommands<String, byte[]> scriptCommands() {
        StatefulRedisConnection<String, byte[]> open = scriptConnection;
        if (open == null) {
            connect();
            open = scriptConnection;
        }
        return open.async();
    }

    /** Opens the connections not open yet (pub/sub, scripts, plain commands), each once. */
    private synchronized void connect() {
        if (closed) {
            throw new IllegalStateException("the Redis broker for " + address + " is closed");
        }
        try {
            if (!channels.isEmpty() && subscription == null) {
                StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub(StringCodec.UTF8, uri);
                pubsub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        onMessage.accept(channel, message);
                    }
                });
                pubsub.sync().subscribe(channels.toArray(String[]::new));
                subscription = pubsub;
            }
            if (scriptConnection == null) {
                StatefulRedisConnection<String, byte[]> opened = client.connect(SCRIPT_CODEC, uri);
                loadScripts(opened);
                scriptConnection = opened;
            }
            if (connection == null) {
                connection = client.connect(StringCodec.UTF8, uri);
            }
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Loads every script up front, so no state change pays for a NOSCRIPT round trip (lease time included). */
    private void loadScripts(StatefulRedisConnection<String, byte[]> opened) {
        List<RedisFuture<String>> loads = new ArrayList<>();
        for (LuaScript script : LuaScript.values()) {
            loads.add(opened.async().scriptLoad(script.source()));
        }
        loads.forEach(this::await);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (scriptConnection != null) {
            scriptConnection.close();
        }
        if (blockingConnection != null) {
            blockingConnection.close();
        }
        if (blobConnection != null) {
            blobConnection.close();
        }
        if (trackedConnection != null) {
            trackedConnection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
