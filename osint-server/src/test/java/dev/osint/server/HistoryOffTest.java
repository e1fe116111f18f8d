package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.Settings;
import dev.osint.queue.FinishedTasks;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With OSINT_HISTORY=off nothing is kept, and the history's routes say so instead of failing. */
class HistoryOffTest {
    @Test
    void theHistoryRoutesAnswer404SayingTheHistoryIsOff() {
        try (ApiFixture api = anApi().start()) {
            for (String path : List.of("/api/v1/history", "/api/v1/history/some-task", "/api/v1/entities?value=x",
                    "/api/v1/history/export?format=csv")) {
                HttpResponse<String> response = api.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(json(response).get("type").asText()).as(path).isEqualTo(HistoryController.HISTORY_OFF);
            }
            assertThat(json(api.get("/api/v1/health")).has("history")).isFalse();
        }
    }

    @Test
    void offMeansNoBrokerKeepsFinishedTasks() {
        assertThat(FinishedTasks.backlogFrom(new Settings(Map.of("OSINT_HISTORY", "off")))).isZero();
        assertThat(FinishedTasks.backlogFrom(new Settings(Map.of()))).isEqualTo(FinishedTasks.DEFAULT_BACKLOG);
    }
}
