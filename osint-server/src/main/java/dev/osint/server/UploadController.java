package dev.osint.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.osint.core.Json;
import dev.osint.core.Options;
import dev.osint.core.Priority;
import dev.osint.core.TaskRecord;
import dev.osint.queue.ScanService;
import dev.osint.queue.SubmissionQuotas;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiContentProperty;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Queues a scan of an uploaded file ({@code multipart/form-data}): Jetty streams the parts and stops at the limits
 * ({@code OSINT_METADATA_MAX_BYTES} for the file, {@code OSINT_MAX_BODY_BYTES} for the other fields together), so
 * nothing past a limit is buffered; the file goes to the broker's blob store for the task's lifetime only.
 */
final class UploadController {
    /** Where Jetty 11 looks for a request's multipart limits. */
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
    /** Parts larger than this wait in a temporary file (deleted with the request) rather than in memory. */
    private static final int IN_MEMORY_BYTES = 1 << 20;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ScanService scans;
    private final ApiMetrics metrics;
    private final int maxFieldBytes;
    private final long maxFileBytes;
    private final SubmissionQuotas quotas;

    UploadController(ScanService scans, ApiMetrics metrics, int maxFieldBytes, long maxFileBytes,
                     SubmissionQuotas quotas) {
        this.scans = scans;
        this.metrics = metrics;
        this.maxFieldBytes = maxFieldBytes;
        this.maxFileBytes = maxFileBytes;
        this.quotas = quotas;
    }

    @OpenApi(path = ApiRoutes.SCAN_UPLOAD, methods = HttpMethod.POST, tags = "scans", operationId = "uploadScan",
            summary = "Queue a scan of an uploaded file (metadata)",
            description = "multipart/form-data with the file and the scan's type; the answer is the same as"
                    + " POST /api/v1/scan's. The file is kept only while its task lives, then deleted.",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(
                    mimeType = "multipart/form-data", properties = {
                            @OpenApiContentProperty(name = "file", type = "string", format = "binary"),
                            @OpenApiContentProperty(name = "type", type = "string"),
                            @OpenApiContentProperty(name = "options", type = "string"),
                            @OpenApiContentProperty(name = "priority", type = "string")})),
            responses = {
                    @OpenApiResponse(status = "200", description = "Queued", content = @OpenApiContent(from = ScanAccepted.class)),
                    @OpenApiResponse(status = "400", description = "Not valid multipart, no file part, or options that are not a JSON object", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "413", description = "The file is larger than OSINT_METADATA_MAX_BYTES, or the other fields than OSINT_MAX_BODY_BYTES (the document says the limits in force)", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "415", description = "Content-Type is not multipart/form-data", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "422", description = "The type reads no files, or an option is invalid; errors names each", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "429", description = "A quota of this API key (or client address) is reached; see Retry-After", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE)),
                    @OpenApiResponse(status = "503", description = "The broker is unreachable, or the queue is full (then with Retry-After)", content = @OpenApiContent(from = Problem.class, mimeType = Problem.CONTENT_TYPE))})
    void upload(Context ctx) {
        requireMultipart(ctx);
        Collection<Part> parts = parts(ctx);
        try {
            Part file = null;
            List<Part> fields = new ArrayList<>();
            long fieldBytes = 0;
            for (Part part : parts) {
                if (part.getName().equals("file") && part.getSubmittedFileName() != null) {
                    file = part;
                } else {
                    fields.add(part);
                    fieldBytes += part.getSize();
                }
            }
            if (fieldBytes > maxFieldBytes) {
                throw tooLarge("the form fields besides the file are " + fieldBytes + " bytes; at most " + maxFieldBytes
                        + " are accepted (OSINT_MAX_BODY_BYTES)");
            }
            if (file == null) {
                throw new ProblemException(Problem.of(400, "Bad Request", "no file: send it as the multipart field"
                        + " 'file' with a filename, e.g. curl -F file=@photo.jpg -F type=metadata"));
            }
            String type = field(fields, "type");
            Map<String, Object> options = options(field(fields, "options"));
            Priority priority = priority(field(fields, "priority"));
            byte[] content = read(file);
            TaskRecord task = scans.submitUpload(type == null ? "metadata" : type, file.getSubmittedFileName(), content,
                    options, priority, Options.Requester.CALLER, Caller.of(ctx).id(), quotas);
            metrics.scanSubmitted(task.type());
            ctx.json(ScanAccepted.of(task));
        } finally {
            for (Part part : parts) {
                try {
                    part.delete(); // the temporary copy, if Jetty made one; the blob store holds the task's copy
                } catch (IOException e) {
                    // Jetty deletes what is left when the request ends
                }
            }
        }
    }

    private Collection<Part> parts(Context ctx) {
        ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(System.getProperty("java.io.tmpdir"),
                maxFileBytes, maxFileBytes + maxFieldBytes, IN_MEMORY_BYTES));
        try {
            return ctx.req().getParts();
        } catch (IllegalStateException e) {
            throw tooLarge("the upload is larger than the limit: at most " + maxFileBytes + " bytes for the file"
                    + " (OSINT_METADATA_MAX_BYTES) and " + maxFieldBytes + " for the other fields"
                    + " (OSINT_MAX_BODY_BYTES)");
        } catch (IOException | ServletException e) {
            Throwable cause = e.getCause() instanceof IllegalStateException state ? state : e;
            if (cause instanceof IllegalStateException) {
                throw tooLarge("the upload is larger than the limit: at most " + maxFileBytes + " bytes for the file"
                        + " (OSINT_METADATA_MAX_BYTES)");
            }
            throw new ProblemException(Problem.of(400, "Bad Request", "the body is not valid multipart/form-data: "
                    + Printable.clip(String.valueOf(e.getMessage()))));
        }
    }

    private byte[] read(Part file) {
        if (file.getSize() > maxFileBytes) {
            throw tooLarge("the file is " + file.getSize() + " bytes; at most " + maxFileBytes + " are accepted"
                    + " (OSINT_METADATA_MAX_BYTES)");
        }
        try (InputStream in = file.getInputStream()) {
            return in.readNBytes((int) file.getSize());
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "the file could not be read: "
                    + e.getMessage()));
        }
    }

    private static String field(List<Part> fields, String name) {
        for (Part part : fields) {
            if (part.getName().equals(name)) {
                try (InputStream in = part.getInputStream()) {
                    String value = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    return value.isEmpty() ? null : value;
                } catch (IOException e) {
                    throw new ProblemException(Problem.of(400, "Bad Request", "the field '" + name
                            + "' could not be read"));
                }
            }
        }
        return null;
    }

    private static Map<String, Object> options(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Object value = Json.mapper().readValue(json, Object.class);
            if (!(value instanceof Map)) {
                throw ProblemException.validation("options", "must be a JSON object such as {}, sent as the text of"
                        + " the field 'options'");
            }
            return Json.mapper().convertValue(value, MAP);
        } catch (JsonProcessingException e) {
            throw ProblemException.validation("options", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Priority priority(String name) {
        if (name == null) {
            return Priority.NORMAL;
        }
        try {
            return Priority.fromWire(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("priority", "must be one of " + Arrays.stream(Priority.values())
                    .map(Priority::wireName).toList() + ", got '" + Printable.clip(name) + "'");
        }
    }

    private static void requireMultipart(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ProblemException(Problem.of(415, "Unsupported Media Type", "an upload is sent as"
                    + " multipart/form-data with the file in the field 'file'; got '" + Printable.clip(type) + "'"));
        }
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "Content Too Large", detail));
    }
}
