package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.social.SocialCollector;
import dev.osint.core.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usernames that would step out of a URL path, or pass for another person's name, are a 422 that says why. */
class HostileUsernamesTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().with(new SocialCollector()).start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ".|names the current or parent directory",
            "..|names the current or parent directory",
            "．．|names the current or parent directory",
            "jdoe/../admin|contains '/' (U+002F) at position 4",
            "jdoe%2F..%2Fadmin|contains '%' (U+0025)",
            "jdoe\\\\admin|contains '\\' (U+005C)",
            "jdoe?admin=1|contains '?' (U+003F)",
            "jdoe#admin|contains '#' (U+0023)",
            "jdoe／admin|contains '/' (U+002F)",
            "pаypal|mixes the Cyrillic and Latin scripts",
            "gοοgle|mixes the Greek and Latin scripts"})
    void isRefusedWithTheReasonBeforeAnythingIsQueued(String username, String reason) {
        HttpResponse<String> response = api.post("/api/v1/scan",
                Json.write(Map.of("target", username, "type", "social")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = json(response).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("target");
        assertThat(error.path("problem").asText()).contains(reason);
        assertThat(api.broker.queueDepths().values()).allMatch(depth -> depth == 0);
    }
}
