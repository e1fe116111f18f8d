package dev.osint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** A scan sent to a running server's API and polled until it ends. */
final class RemoteScan {
    /** What the API gives out as task ids (and accepts in its paths). */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private final ApiClient api;

    RemoteScan(ApiClient api) {
        this.api = api;
    }

    ScanCommand.ScanOutcome run(String type, String target, Map<String, Object> options, String priority)
            throws IOException, InterruptedException {
        String body = Json.write(Map.of("type", type, "target", target, "options", options, "priority", priority));
        return follow(checked(api.post("/api/v1/scan", body)).path("task_id").asText());
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
        ApiClient.Answer accepted = api.post("/api/v1/scan/upload", "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
        return follow(checked(accepted).path("task_id").asText());
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private ScanCommand.ScanOutcome follow(String taskId) throws IOException, InterruptedException {
        if (!TASK_ID.matcher(taskId).matches()) {
            // the id goes into the next URL's path: a server's answer must not choose another path
            throw new IOException(api.base() + " answered a task id that is not one ('" + clip(taskId) + "')");
        }
        ScanCommand.ProgressLine progress = new ScanCommand.ProgressLine(System.err);
        while (true) {
            JsonNode status = checked(api.get("/api/v1/scan/" + taskId));
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

    private JsonNode checked(ApiClient.Answer answer) throws IOException {
        if (answer.body() == null) {
            throw new IOException(api.base() + " answered HTTP " + answer.status() + " with a body that is not JSON");
        }
        if (answer.status() == 401) {
            throw new IllegalArgumentException(api.unauthorizedAdvice() + ": " + answer.detail());
        }
        if (answer.status() == 429) {
            throw new IOException(api.base() + " refused the scan for now: " + answer.detail());
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            throw new IllegalArgumentException(answer.detail());
        }
        if (answer.status() >= 500) {
            throw new IOException(api.base() + " answered HTTP " + answer.status() + ": " + answer.detail());
        }
        return answer.body();
    }
}
