package dev.osint.queue.redis;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The part of {@code bench/queue/scripts.sh} that runs in Java: Redis's CPU per task for each of a ping task's three
 * scripts alone ({@code enqueue.lua}, {@code take.lua}, {@code finish.lua}), called in batches of B tasks one after
 * the other from one connection, with no worker, load generator or pub/sub around them. Redis's CPU comes from
 * {@code INFO cpu} before and after each script's calls. The scripts are read from the class path as the broker
 * reads them, so a directory of changed scripts placed first on it is measured instead. Not a test: figures depend
 * on the machine.
 *
 * <p>{@code ScriptCost <redis-url> <tasks> <batch> <rounds>}
 */
public final class ScriptCost {
    /** A ping result's size and shape, as a worker sends it to finish.lua (about 360 bytes). */
    private static final String RESULT = "{\"collector\":\"ping\",\"target\":{\"kind\":\"DOMAIN\",\"value\":"
            + "\"t1.bench.test\"},\"findings\":[{\"kind\":\"reachable\",\"value\":\"t1.bench.test\",\"source\":"
            + "\"ping\",\"confidence\":1.0,\"attributes\":{\"rtt_ms\":0.1}}],\"errors\":[],\"started_at\":"
            + "\"2026-12-03T14:00:00.123Z\",\"finished_at\":\"2026-12-03T14:00:00.124Z\",\"options\":{},"
            + "\"summary\":\"reachable\",\"padding\":\"" + "x".repeat(40) + "\"}";

    private ScriptCost() {}

    public static void main(String[] args) {
        String url = args[0];
        int tasks = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        RedisLink link = new RedisLink(url, Duration.ofSeconds(30), List.of(), (channel, message) -> {});
        try {
            for (int round = 1; round <= rounds; round++) {
                String prefix = "{script-cost-" + round + "}:";
                long start = redisCpuMicros(link);
                List<String> ids = enqueue(link, prefix, tasks, batch);
                long enqueued = redisCpuMicros(link);
                List<String> tokens = take(link, prefix, tasks, batch);
                long taken = redisCpuMicros(link);
                finish(link, prefix, ids, tokens, batch);
                long finished = redisCpuMicros(link);
                System.out.printf("round %d: enqueue %.1f, take %.1f, finish %.1f, together %.1f us of Redis CPU"
                                + " per task (%d tasks, %d a call)%n", round, (enqueued - start) / (double) tasks,
                        (taken - enqueued) / (double) tasks, (finished - taken) / (double) tasks,
                        (finished - start) / (double) tasks, tasks, batch);
            }
        } finally {
            link.close();
        }
    }

    private static List<String> enqueue(RedisLink link, String prefix, int tasks, int batch) {
        List<String> ids = new ArrayList<>(tasks);
        for (int first = 0; first < tasks; first += batch) {
            List<String> group = new ArrayList<>();
            for (int i = first; i < Math.min(tasks, first + batch); i++) {
                String id = UUID.randomUUID().toString();
                String target = "t" + (i % 200) + ".bench.test";
                ids.add(id);
                // the definition as TaskHash writes a ping's (about 200 bytes)
                String definition = "{\"id\":\"" + id + "\",\"type\":\"ping\",\"target\":{\"kind\":\"DOMAIN\","
                        + "\"value\":\"" + target + "\"},\"options\":{},\"queue\":\"default\",\"priority\":"
                        + "\"NORMAL\",\"createdAtMillis\":1796307516527,\"parentId\":null,\"owner\":null}";
                group.addAll(List.of(id, definition, "default", "normal", "ping", target, "1796307516527", "", ""));
            }
            link.eval(LuaScript.ENQUEUE, ScriptOutputType.MULTI, prefix, group.toArray(String[]::new));
        }
        return ids;
    }

    /** The tokens in the order the tasks were queued: one line, taken from its head. */
    private static List<String> take(RedisLink link, String prefix, int tasks, int batch) {
        List<String> tokens = new ArrayList<>(tasks);
        while (tokens.size() < tasks) {
            List<?> answer = link.eval(LuaScript.TAKE, ScriptOutputType.MULTI, prefix, "script-cost", "60000",
                    Integer.toString(batch), "default");
            if (answer.size() < 3) {
                throw new IllegalStateException("take.lua found no task after " + tokens.size());
            }
            for (int i = 2; i + 2 < answer.size(); i += 3) {
                tokens.add((String) answer.get(i));
            }
        }
        return tokens;
    }

    private static void finish(RedisLink link, String prefix, List<String> ids, List<String> tokens, int batch) {
        for (int first = 0; first < ids.size(); first += batch) {
            List<String> group = new ArrayList<>(List.of("86400000", "0"));
            for (int i = first; i < Math.min(ids.size(), first + batch); i++) {
                group.addAll(List.of(ids.get(i), tokens.get(i), "SUCCESS", RESULT, ""));
            }
            List<?> codes = link.eval(LuaScript.FINISH, ScriptOutputType.MULTI, prefix, group.toArray(String[]::new));
            for (Object code : codes) {
                if (ScriptCode.of(code) != ScriptCode.OK) {
                    throw new IllegalStateException("finish.lua answered " + codes);
                }
            }
        }
    }

    private static long redisCpuMicros(RedisLink link) {
        String info = link.call(c -> c.info("cpu"));
        double seconds = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
            }
        }
        return Math.round(seconds * 1e6);
    }
}
