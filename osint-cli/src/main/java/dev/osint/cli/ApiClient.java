package dev.osint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import dev.osint.core.Secret;
import dev.osint.core.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The CLI's calls to a running server's API, with {@code OSINT_API_KEY} (or its {@code _FILE}) when set. */
final class ApiClient {
    static final String KEY_SETTING = "OSINT_API_KEY";

    private final String base;
    private final Optional<Secret> key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One JSON answer: its status and body ({@code null} when the body is not JSON). */
    record Answer(int status, JsonNode body) {
        String detail() {
            return body == null ? "" : body.path("detail").asText(body.toString());
        }
    }

    ApiClient(String base, Settings settings) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = settings.secret(KEY_SETTING);
    }

    String base() {
        return base;
    }

    boolean sendsKey() {
        return key.isPresent();
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k.reveal()));
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the server at " + base + " (" + e.getClass().getSimpleName() + ")"
                    + "; is `osint server` running there?", e);
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        return new Answer(response.statusCode(), body);
    }

    /** What to do about a 401: set a key, or check the one set. */
    String unauthorizedAdvice() {
        return sendsKey() ? "the server refused the key in " + KEY_SETTING + " (or " + KEY_SETTING + "_FILE)"
                : "the server needs an API key: set " + KEY_SETTING + " (or " + KEY_SETTING + "_FILE)";
    }
}
