package dev.osint.queue.redis;

import dev.osint.core.TaskState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redis broker's scripts, one per state change, read from {@code dev/osint/queue/redis/lua/}. A line
 * {@code -- @include name} pulls in {@code includes/name.lua}, so shared pieces are written once; the include
 * {@code states} is written here from {@link TaskState}, so the scripts and Java allow the same moves.
 */
enum LuaScript {
    ENQUEUE("enqueue"), TAKE("take"), RENEW("renew"), PROGRESS("progress"), FINISH("finish"), RETRY("retry"),
    RELEASE("release"), REVOKE("revoke"), PURGE("purge"), DEPTHS("depths"), RATE_LIMIT("rate_limit"),
    HEARTBEAT("heartbeat"), DROP_WORKERS("drop_workers"), ADMIT("admit"), SUBMIT("submit");

    private final String fileName;
    private final String source;
    private final String sha;

    LuaScript(String name) {
        this.fileName = name + ".lua";
        this.source = Source.withIncludes(Source.read(fileName));
        this.sha = sha1(source);
    }

    String source() {
        return source;
    }

    /** The digest Redis knows the script by once loaded, computed here so EVALSHA needs no round trip first. */
    String sha() {
        return sha;
    }

    /** The include {@code states}: the allowed moves of {@link TaskState} as a Lua table and {@code canMove}. */
    static String stateTable() {
        return Source.states();
    }

    @Override
    public String toString() {
        return fileName;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the script files; a class of its own because an enum's constructor cannot use its static fields. */
    private static final class Source {
        private static final Pattern INCLUDE = Pattern.compile("(?m)^-- @include (\\w+)$");

        /** Pastes every include in, and the includes' own includes. */
        static String withIncludes(String text) {
            Matcher include = INCLUDE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (include.find()) {
                String name = include.group(1);
                String pasted = name.equals(STATES) ? states() : withIncludes(read("includes/" + name + ".lua"));
                include.appendReplacement(out, Matcher.quoteReplacement(pasted));
            }
            return include.appendTail(out).toString();
        }

        private static final String STATES = "states";

        /**
         * The table of allowed moves, {@code NEXT[from][to] = true}, rendered from {@link TaskState#canMoveTo}:
         * the one source of truth, so that a script can never allow a move Java refuses.
         */
        static String states() {
            StringBuilder lua = new StringBuilder("-- The moves a task may make, written from dev.osint.core.TaskState"
                    + " when the scripts are loaded.\nlocal NEXT = {\n");
            for (TaskState from : TaskState.values()) {
                lua.append("  ").append(from.name()).append(" = {");
                String separator = "";
                for (TaskState to : TaskState.values()) {
                    if (from.canMoveTo(to)) {
                        lua.append(separator).append(to.name()).append(" = true");
                        separator = ", ";
                    }
                }
                lua.append("},\n");
            }
            return lua.append("}\n\n-- Whether a task in state `from` (nil when it has none) may move to `to`.\n")
                    .append("local function canMove(from, to)\n")
                    .append("  return from ~= nil and from ~= false and NEXT[from] ~= nil and NEXT[from][to] == true\n")
                    .append("end").toString();
        }

        static String read(String path) {
            try (InputStream in = LuaScript.class.getResourceAsStream("lua/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("broker script lua/" + path + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read broker script lua/" + path, e);
            }
        }
    }
}
