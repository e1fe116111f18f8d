package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With API keys, the history shows a key that is not an admin only the scans it submitted; an admin key sees all. */
class HistoryByKeyTest {
    private static final String ALICE = ApiKeys.newKey();
    private static final String BOB = ApiKeys.newKey();
    private static final String OPS = ApiKeys.newKey();
    @TempDir
    Path dataDir;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = anApi().with(new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of())))
                .withSettings(Map.of("OSINT_API_KEYS", "alice:" + ALICE + ",bob:" + BOB + ",ops:" + OPS + ";admin"))
                .withHistory(dataDir).withWorker().start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String scanAs(String key) {
        String id = api.usingKey(key).submit("echo", "example.com");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.usingKey(OPS).get("/api/v1/history/" + id)
                .statusCode() == 200);
        return id;
    }

    @Test
    void eachKeySeesItsOwnScansAndAnAdminSeesEveryone() {
        String alices = scanAs(ALICE);
        String bobs = scanAs(BOB);

        assertThat(json(api.usingKey(ALICE).get("/api/v1/history")).get("scans").findValuesAsText("task_id"))
                .containsExactly(alices);
        assertThat(json(api.usingKey(ALICE).get("/api/v1/history/" + alices)).get("owner").asText())
                .isEqualTo("alice");
        assertThat(api.usingKey(ALICE).get("/api/v1/history/" + bobs).statusCode()).isEqualTo(404);
        assertThat(json(api.usingKey(OPS).get("/api/v1/history")).get("scans").findValuesAsText("task_id"))
                .containsExactlyInAnyOrder(alices, bobs);
    }
}
