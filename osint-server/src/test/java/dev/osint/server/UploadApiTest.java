package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static dev.osint.server.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.metadata.MetadataCollector;
import dev.osint.collectors.crtsh.CrtshCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/scan/upload}: a file scanned by a real worker, the limits, the errors, and the file's lifetime. */
class UploadApiTest {
    static final String BOUNDARY = "----osint-test-boundary";
    private ApiFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private ApiFixture start(Map<String, String> settings, boolean worker) {
        api = anApi().with(new MetadataCollector(), new CrtshCollector()).withSettings(settings);
        if (worker) {
            api.withWorker();
        }
        return api.start();
    }

    static byte[] docx(String creator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types>wordprocessingml</Types>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("docProps/core.xml"));
            zip.write(("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                    + "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>" + creator
                    + "</dc:creator></cp:coreProperties>").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A multipart body: name, value pairs as fields, and the file (when not null) as the part {@code file}. */
    static byte[] multipart(String fileName, byte[] file, String... fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private HttpResponse<String> upload(byte[] body) {
        return api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void anUploadedDocumentIsScannedByAWorkerAndItsFileIsDeletedWhenTheTaskEnds() throws Exception {
        start(Map.of(), true);
        HttpResponse<String> accepted = upload(multipart("C:\\fakepath\\budget.docx", docx("Alice Martin"),
                "type", "metadata"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        JsonNode answer = json(accepted);
        assertThat(answer.path("status").asText()).isEqualTo("PENDING");
        assertThat(answer.path("message").asText()).isEqualTo("Scan initiated successfully");
        assertThat(answer.path("target").asText()).isEqualTo("budget.docx");
        assertThat(answer.path("collector_type").asText()).isEqualTo("metadata");
        String id = answer.path("task_id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("/api/v1/scan/" + id)),
                status -> status.path("status").asText().equals("SUCCESS"));
        assertThat(done.path("result").path("data").path("author").asText()).isEqualTo("Alice Martin");
        assertThat(done.path("result").path("data").path("file").path("type").asText()).isEqualTo("docx");
        assertThat(done.path("result").path("metadata").path("target_kind").asText()).isEqualTo("file");
        assertThat(api.broker.blobs().get(id)).isEmpty();
    }

    @Test
    void aWaitingUploadThatIsCancelledLosesItsFile() throws Exception {
        start(Map.of(), false);
        String id = json(upload(multipart("a.docx", docx("X"), "type", "metadata"))).path("task_id").asText();
        assertThat(api.broker.blobs().get(id)).isPresent();
        assertThat(api.delete("/api/v1/scan/" + id).statusCode()).isEqualTo(200);
        assertThat(api.broker.blobs().get(id)).isEmpty();
    }

    @Test
    void anUploadWhoseFileExpiredBeforeAWorkerTookItFailsSayingSo() throws Exception {
        start(Map.of(), false);
        String id = json(upload(multipart("late.docx", docx("X"), "type", "metadata"))).path("task_id").asText();
        api.broker.blobs().delete(id); // as the store's expiry would
        api.startWorker();
        JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("/api/v1/scan/" + id)),
                status -> status.path("status").asText().equals("FAILURE"));
        assertThat(done.path("error").asText()).contains("no longer stored").contains("upload it again");
    }

    @Test
    void aFileOverTheLimitIs413AndNothingIsQueued() {
        start(Map.of("OSINT_METADATA_MAX_BYTES", "4096"), false);
        HttpResponse<String> response = upload(multipart("big.jpg", new byte[64 * 1024], "type", "metadata"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        assertThat(json(response).path("detail").asText()).contains("OSINT_METADATA_MAX_BYTES");
        assertThat(api.broker.queueDepths().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void aFileLargerThanTheJsonBodyLimitIsAcceptedUpToTheFileLimit() throws Exception {
        start(Map.of(), false);
        byte[] padded = docx("Y");
        byte[] big = new byte[200 * 1024];
        System.arraycopy(padded, 0, big, 0, padded.length);
        assertThat(upload(multipart("big.docx", big, "type", "metadata")).statusCode()).isEqualTo(200);
    }

    @Test
    void formFieldsPastTheBodyLimitAre413() throws Exception {
        start(Map.of(), false);
        String options = "{\"x\": \"" + "a".repeat(70 * 1024) + "\"}";
        HttpResponse<String> response = upload(multipart("a.docx", docx("Z"), "type", "metadata", "options",
                options));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("detail").asText()).contains("OSINT_MAX_BODY_BYTES");
    }

    @Test
    void badUploadsAreClear4xxs() throws Exception {
        start(Map.of(), false);
        assertThat(upload(multipart(null, null, "type", "metadata")).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/v1/scan/upload", "{}").statusCode()).isEqualTo(415);
        HttpResponse<String> notAFileCollector = upload(multipart("a.docx", docx("Z"), "type", "crtsh"));
        assertThat(notAFileCollector.statusCode()).isEqualTo(422);
        assertThat(json(notAFileCollector).path("errors").get(0).path("problem").asText())
                .contains("does not read uploaded files");
        HttpResponse<String> unknownType = upload(multipart("a.docx", docx("Z"), "type", "nosuch"));
        assertThat(unknownType.statusCode()).isEqualTo(422);
        HttpResponse<String> badOptions = upload(multipart("a.docx", docx("Z"), "type", "metadata", "options", "[1"));
        assertThat(badOptions.statusCode()).isEqualTo(422);
        HttpResponse<String> unknownOption = upload(multipart("a.docx", docx("Z"), "type", "metadata", "options",
                "{\"depth\": 3}"));
        assertThat(unknownOption.statusCode()).isEqualTo(422);
        HttpResponse<String> garbage = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString("this is not multipart")));
        assertThat(garbage.statusCode()).isBetween(400, 499);
    }

    @Test
    void anUploadIsNotATargetThatCanBeTyped() {
        start(Map.of(), false);
        HttpResponse<String> response = api.post("/api/v1/scan", "{\"target\": \"photo.jpg\", \"type\":"
                + " \"metadata\"}");
        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void theOpenApiDocumentDescribesTheUploadSoSwaggerUiCanSendAFile() {
        start(Map.of(), false);
        JsonNode upload = json(api.get("/openapi.json")).path("paths").path("/api/v1/scan/upload").path("post");
        JsonNode form = upload.path("requestBody").path("content").path("multipart/form-data").path("schema");
        assertThat(form.path("properties").path("file").path("type").asText()).isEqualTo("string");
        assertThat(form.path("properties").path("file").path("format").asText()).isEqualTo("binary");
        assertThat(upload.path("responses").has("413")).isTrue();
    }

    @Test
    void anUploadCountsAgainstTheCallersQuotasAndIsRecordedAsTheirs() throws Exception {
        String key = ApiKeys.newKey();
        start(Map.of("OSINT_API_KEYS", "alice:" + key, "OSINT_QUOTA_MAX_QUEUED", "1"), false).usingKey(key);
        String id = json(upload(multipart("a.docx", docx("X"), "type", "metadata"))).path("task_id").asText();
        assertThat(api.scans.status(id).orElseThrow().owner()).isEqualTo("alice");

        HttpResponse<String> refused = upload(multipart("b.docx", docx("Y"), "type", "metadata"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.broker.queueDepths().values().stream().mapToLong(Long::longValue).sum())
                .as("the refused file was neither stored as a task nor queued").isEqualTo(1);
    }
}
