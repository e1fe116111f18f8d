package dev.osint.queue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
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

/**
 * One process's connections to one Redis server: a command connection shared by every thread (Lettuce
 * pipelines their commands) and a pub/sub connection. Opened on first use, so a process started while Redis is
 * down recovers by itself; once open, Lettuce reconnects and resubscribes after an outage. Every failure to
 * reach Redis becomes a {@link BrokerUnavailableException}.
 */
final class RedisLink implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final RedisURI uri;
    private final Duration commandTimeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final List<String> channels;
    private final BiConsumer<String, String> onMessage;
    private final String address;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;

    RedisLink(String url, Duration commandTimeout, List<String> channels, BiConsumer<String, String> onMessage) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(commandTimeout);
        this.commandTimeout = commandTimeout;
        this.address = uri.getHost() + ":" + uri.getPort();
        this.channels = List.copyOf(channels);
        this.onMessage = onMessage;
        // Lettuce's default backoff grows to 30 s; a worker should be back within a couple of seconds of Redis.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
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

    /** Runs a script by digest, loading it first when Redis does not know it (first use, or after a restart). */
    @SuppressWarnings("unchecked")
    <T> T eval(LuaScript script, ScriptOutputType type, String key, String... args) {
        String[] keys = {key};
        try {
            return (T) await(commands().evalsha(script.sha(), type, keys, args));
        } catch (NoScript e) {
            await(commands().scriptLoad(script.source()));
            return (T) await(commands().evalsha(script.sha(), type, keys, args));
        }
    }

    /** Runs a script without waiting; a NOSCRIPT answer loads the script and runs it again. */
    <T> CompletableFuture<T> evalAsync(LuaScript script, ScriptOutputType type, String key, String... args) {
        String[] keys = {key};
        RedisAsyncCommands<String, String> commands = commands();
        CompletableFuture<T> first = commands.<T>evalsha(script.sha(), type, keys, args).toCompletableFuture();
        return first.exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (!(cause instanceof RedisNoScriptException)) {
                return CompletableFuture.failedFuture(translate(cause));
            }
            return commands.scriptLoad(script.source()).toCompletableFuture()
                    .thenCompose(sha -> commands.<T>evalsha(script.sha(), type, keys, args).toCompletableFuture());
        });
    }

    /** Runs plain commands and waits for the answer. */
    <T> T call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return await(command.apply(commands()));
    }

    /** Sends a command now; its answer is collected later with {@link #await}, so several share a round trip. */
    <T> RedisFuture<T> send(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return command.apply(commands());
    }

    boolean ping() {
        try {
            return "PONG".equals(call(RedisAsyncCommands::ping));
        } catch (BrokerUnavailableException e) {
            return false;
        }
    }

    /**
     * Waits for an answer without giving in to interrupts: the command is on its way either way, and a worker
     * that was interrupted (by a revoke or its time limit) must still learn whether its final write happened.
     * The interrupt is kept for the caller.
     */
    <T> T await(Future<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get(commandTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
                    throw translate(cause);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    throw unreachable(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RuntimeException translate(Throwable cause) {
        if (cause instanceof BrokerUnavailableException || cause instanceof IllegalStateException
                || cause instanceof NoScript) {
            return (RuntimeException) cause;
        }
        if (cause instanceof RedisNoScriptException) {
            return new NoScript();
        }
        if (cause instanceof RedisLoadingException || cause instanceof RedisBusyException) {
            return unreachable(cause);
        }
        if (cause instanceof RedisCommandExecutionException) {
            String message = String.valueOf(cause.getMessage());
            if (message.startsWith("MASTERDOWN") || message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN")) {
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
            open = connect();
        }
        return open.async();
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
        if (closed) {
            throw new IllegalStateException("the Redis broker for " + address + " is closed");
        }
        if (connection != null) {
            return connection;
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
            StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8, uri);
            loadScripts(opened);
            connection = opened;
            return opened;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Loads every script up front, so no state change pays for a NOSCRIPT round trip (lease time included). */
    private void loadScripts(StatefulRedisConnection<String, String> opened) {
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
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Redis does not know a script yet: load it and run it again. */
    private static final class NoScript extends RuntimeException {
        NoScript() {
            super(null, null, false, false);
        }
    }
}
