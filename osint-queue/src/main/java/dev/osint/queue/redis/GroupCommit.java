package dev.osint.queue.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Folds calls of one script that arrive while earlier ones are on their way into a single call, as a database's
 * group commit does: under load one round trip carries hundreds of enqueues or finishes, and when idle a call
 * goes out at once. The script takes fixed {@code head} arguments, then one group of arguments per call, and
 * answers one reply per group: a code ({@link #call}) or a list ({@link #reply}). Made with
 * {@link #latestPerTask}, groups whose first argument (a task id) is the same and that wait together go out as the
 * latest one only, and each of their callers gets its answer.
 *
 * <p>Every call is answered: sent calls by Redis or by {@code OSINT_REDIS_TIMEOUT}, calls still waiting when
 * the commit is closed (or its sender stops) with an {@link IllegalStateException}, and calls made after
 * {@link #close()} at once with one.
 */
final class GroupCommit implements AutoCloseable {
    private static final int MAX_GROUPS = 256;
    /** Two batches on the wire keep the connection busy while the next one fills up. */
    private static final int MAX_IN_FLIGHT = 2;

    private record Call(String[] group, CompletableFuture<Object> answer) {}

    private final RedisLink link;
    private final LuaScript script;
    private final String key;
    private final String[] head;
    private final boolean latestWins;
    private final BlockingQueue<Call> waiting = new LinkedBlockingQueue<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Thread sender;
    private volatile boolean closed;

    GroupCommit(RedisLink link, LuaScript script, String key, String... head) {
        this(link, script, key, false, head);
    }

    private GroupCommit(RedisLink link, LuaScript script, String key, boolean latestWins, String... head) {
        this.link = link;
        this.script = script;
        this.key = key;
        this.head = head;
        this.latestWins = latestWins;
        this.sender = Thread.ofPlatform().daemon().name("redis-" + script).start(this::sendLoop);
    }

    /** A group commit that sends only the latest of the groups for one task that wait together (progress). */
    static GroupCommit latestPerTask(RedisLink link, LuaScript script, String key, String... head) {
        return new GroupCommit(link, script, key, true, head);
    }

    /** Runs the script for one group of arguments and answers that group's code. */
    ScriptCode call(String... group) {
        return ScriptCode.of(reply(group));
    }

    /** Runs the script for one group of arguments and answers that group's reply as Redis gave it. */
    Object reply(String... group) {
        return link.await(replyAsync(group));
    }

    /**
     * {@link #reply} without waiting: the stage completes on Lettuce's I/O thread (or on the caller's, closed), with
     * the failure {@link #reply} would throw when there is one.
     */
    CompletableFuture<Object> replyAsync(String... group) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        Call call = new Call(group, new CompletableFuture<>());
        waiting.add(call);
        if (closed) {
            failWaiting(); // close() may have emptied the queue just before this call joined it
        }
        return call.answer();
    }

    private void sendLoop() {
        Call first = null;
        try {
            while (!closed) {
                first = waiting.take();
                inFlight.acquire();
                List<Call> batch = new ArrayList<>();
                batch.add(first);
                first = null;
                waiting.drainTo(batch, MAX_GROUPS - 1);
                send(batch);
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            // the call taken while waiting for a slot, and every one behind it, would otherwise wait for ever
            if (first != null) {
                first.answer().completeExceptionally(closedError());
            }
            closed = true;
            failWaiting();
        }
    }

    private void send(List<Call> batch) {
        // which group answers each call: its own, or the latest of its task's
        int[] answerAt = new int[batch.size()];
        List<String[]> groups = new ArrayList<>(batch.size());
        Map<String, Integer> groupOfTask = latestWins ? new HashMap<>() : null;
        int length = head.length;
        for (int i = 0; i < batch.size(); i++) {
            String[] group = batch.get(i).group();
            Integer earlier = latestWins ? groupOfTask.putIfAbsent(group[0], groups.size()) : null;
            if (earlier == null) {
                answerAt[i] = groups.size();
                groups.add(group);
                length += group.length;
            } else {
                answerAt[i] = earlier;
                groups.set(earlier, group); // groups of one script have one width: the length is unchanged
            }
        }
        String[] args = new String[length];
        System.arraycopy(head, 0, args, 0, head.length);
        int at = head.length;
        for (String[] group : groups) {
            System.arraycopy(group, 0, args, at, group.length);
            at += group.length;
        }
        CompletableFuture<List<Object>> reply;
        try {
            reply = link.evalAsync(script, ScriptOutputType.MULTI, key, args);
        } catch (RuntimeException e) {
            inFlight.release();
            batch.forEach(call -> call.answer().completeExceptionally(e));
            return;
        }
        reply.whenComplete((codes, error) -> {
            inFlight.release();
            for (int i = 0; i < batch.size(); i++) {
                if (error != null) {
                    batch.get(i).answer().completeExceptionally(error);
                } else {
                    batch.get(i).answer().complete(codes.get(answerAt[i]));
                }
            }
        });
    }

    private void failWaiting() {
        Call left;
        while ((left = waiting.poll()) != null) {
            left.answer().completeExceptionally(closedError());
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("the Redis broker was closed; " + script + " was not sent");
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        failWaiting(); // nobody will send what still waits: its callers must not wait for ever
    }
}
