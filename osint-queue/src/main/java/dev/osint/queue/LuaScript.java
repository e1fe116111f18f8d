package dev.osint.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redis broker's scripts, one per state change, read from {@code dev/osint/queue/lua/}. A line
 * {@code -- @include name} pulls in {@code includes/name.lua}, so shared pieces are written once.
 */
enum LuaScript {
    ENQUEUE("enqueue"), TAKE("take"), RENEW("renew"), PROGRESS("progress"), FINISH("finish"), RETRY("retry"),
    RELEASE("release"), REVOKE("revoke"), PURGE("purge"), DEPTHS("depths"), RATE_LIMIT("rate_limit"),
    HEARTBEAT("heartbeat"), DROP_WORKERS("drop_workers"), ADMIT("admit");

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

        static String withIncludes(String text) {
            Matcher include = INCLUDE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (include.find()) {
                include.appendReplacement(out, Matcher.quoteReplacement(read("includes/" + include.group(1) + ".lua")));
            }
            return include.appendTail(out).toString();
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
