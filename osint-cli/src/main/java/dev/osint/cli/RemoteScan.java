package dev.osint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** A scan sent to a running server's API and polled until it ends. */
final class RemoteScan {
    /** What the API gives out as task ids (and accepts in its paths). */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RemoteScan(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    ScanCommand.ScanOutcome run(String type, String target, Map<String, Object> options, String priority)
            throws IOException, InterruptedException {
        String body = Json.write(Map.of("type", type, "target", target, "options", options, "priority", priority));
        JsonNode accepted = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/scan"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        return follow(accepted.path("task_id").asText());
    }

    /** Uploads a local file as {@code multipart/form-data} to {@code POST /api/v1/scan/upload}, then follows it. */
    ScanCommand.ScanOutcome upload(String type, Path file, Map<String, Object> options, String priority)
            throws IOException, InterruptedException {
        String boundary = "osint-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "type", type);
        field(body, boundary, "options", Json.write(options));
        field(body, boundary, "priority", priority);
        String name = file.getFileName().toString().replace("\"", "").replace("\r", "").replace("\n", "");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode accepted = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        return follow(accepted.path("task_id").asText());
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private ScanCommand.ScanOutcome follow(String taskId) throws IOException, InterruptedException {
        if (!TASK_ID.matcher(taskId).matches()) {
            // the id goes into the next URL's path: a server's answer must not choose another path
            throw new IOException(base + " answered a task id that is not one ('" + clip(taskId) + "')");
        }
        ScanCommand.ProgressLine progress = new ScanCommand.ProgressLine(System.err);
        while (true) {
            JsonNode status = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/scan/" + taskId)).GET());
            String state = status.path("status").asText();
            progress.show(state, status.path("progress").asInt(), status.path("meta").path("stage").asText(""));
            if (state.equals("SUCCESS") || state.equals("FAILURE") || state.equals("REVOKED")) {
                return new ScanCommand.ScanOutcome(taskId, state, status.has("result") ? status.get("result") : null,
                        status.path("error").asText(null));
            }
            Thread.sleep(250);
        }
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach the server at " + base + " (" + e.getClass().getSimpleName() + ")"
                    + "; is `osint server` running there?", e);
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IOException(base + " answered HTTP " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            throw new IllegalArgumentException(body.path("detail").asText(body.toString()));
        }
        if (response.statusCode() >= 500) {
            throw new IOException(base + " answered HTTP " + response.statusCode() + ": "
                    + body.path("detail").asText(body.toString()));
        }
        return body;
    }
}
