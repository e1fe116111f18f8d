package dev.osint.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.queue.Broker;
import dev.osint.queue.TaskStatistics;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The constants the scripts share with Java say the same on both sides. */
class LuaScriptTest {
    private static final String COMMON = LuaScript.TAKE.source();

    @Test
    void theScriptsKeepAsManyEventsAsJavaSays() {
        assertThat(constant("EVENTS_KEPT = '(\\d+)'")).isEqualTo(Integer.toString(Broker.EVENTS_KEPT));
    }

    @Test
    void theScriptsCountRunTimesInJavasBuckets() {
        String buckets = constant("RUNTIME_BUCKETS_MS = \\{([^}]*)}");
        assertThat(Arrays.stream(buckets.split(",")).map(String::strip).map(Long::valueOf).toList())
                .isEqualTo(TaskStatistics.RUNTIME_BUCKETS_MS);
    }

    @Test
    void everyIncludeIsPastedIn() {
        for (LuaScript script : LuaScript.values()) {
            assertThat(script.source()).as(script.toString()).doesNotContainPattern("(?m)^-- @include");
        }
    }

    @Test
    void everyScriptThatChangesAStateHasTheTableOfMovesFromJava() {
        for (LuaScript script : List.of(LuaScript.TAKE, LuaScript.PROGRESS, LuaScript.FINISH, LuaScript.RETRY,
                LuaScript.RELEASE, LuaScript.REVOKE, LuaScript.PURGE)) {
            assertThat(script.source()).as(script.toString()).contains(LuaScript.stateTable());
        }
        assertThat(LuaScript.stateTable()).contains("PENDING = {STARTED = true, FAILURE = true, REVOKED = true}")
                .contains("SUCCESS = {}");
    }

    private static String constant(String pattern) {
        Matcher matcher = Pattern.compile("local " + pattern).matcher(COMMON);
        assertThat(matcher.find()).as(pattern).isTrue();
        return matcher.group(1);
    }
}
