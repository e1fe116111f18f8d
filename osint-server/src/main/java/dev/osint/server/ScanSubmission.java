package dev.osint.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.osint.core.Json;
import dev.osint.core.Priority;
import dev.osint.queue.ScanRequest;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiRequired;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/scan}. Read field by field rather than bound by Jackson so that every wrong
 * field is named in one 422, and malformed JSON is told apart as a 400.
 */
public record ScanSubmission(
        @OpenApiRequired @OpenApiExample("example.com")
        @OpenApiDescription("What to scan: a domain, IP, e-mail, username, … as the collector accepts") String target,
        @OpenApiExample("dns") @OpenApiDescription("The collector type; defaults to dns") String type,
        @OpenApiDescription("Collector options; see GET /api/v1/collectors") Map<String, Object> options,
        @OpenApiExample("normal") @OpenApiDescription("high, normal (default) or low") String priority) {

    static final String DEFAULT_TYPE = "dns";
    private static final ObjectReader READER = RequestJson.reader(Integer.MAX_VALUE);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Parses and checks the shape of a body; the values themselves are checked by the ScanService. */
    static ScanRequest parse(byte[] body) {
        return parse(body, READER);
    }

    /** As {@link #parse(byte[])}, with a reader that keeps the server's limits ({@link RequestJson}). */
    static ScanRequest parse(byte[] body, ObjectReader reader) {
        JsonNode root = readTree(body, reader);
        if (!root.isObject()) {
            throw ProblemException.validation("body", "must be a JSON object such as"
                    + " {\"target\": \"example.com\", \"type\": \"dns\"}, got " + describe(root));
        }
        List<FieldProblem> problems = new ArrayList<>();
        String target = text(root, "target", true, problems);
        String type = text(root, "type", false, problems);
        Map<String, Object> options = options(root, problems);
        Priority priority = priority(root, problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(Problem.validation(problems));
        }
        return new ScanRequest(target, type == null ? DEFAULT_TYPE : type, options, priority, null);
    }

    private static JsonNode readTree(byte[] body, ObjectReader reader) {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (StreamConstraintsException e) {
            throw RequestJson.limitExceeded(e);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage() + locate(e));
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw malformed("the body is empty; send a JSON object such as {\"target\": \"example.com\"}");
        }
        return root;
    }

    private static String locate(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(new Problem(Problem.MALFORMED_JSON, "Malformed JSON", 400,
                "the request body is not valid JSON: " + detail, null));
    }

    private static String text(JsonNode root, String field, boolean required, List<FieldProblem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string, got " + describe(node)));
            return null;
        }
        return node.textValue();
    }

    private static Map<String, Object> options(JsonNode root, List<FieldProblem> problems) {
        JsonNode node = root.get("options");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem("options", "must be a JSON object, got " + describe(node)));
            return Map.of();
        }
        return Json.mapper().convertValue(node, MAP);
    }

    private static Priority priority(JsonNode root, List<FieldProblem> problems) {
        String name = text(root, "priority", false, problems);
        if (name == null) {
            return Priority.NORMAL;
        }
        try {
            return Priority.fromWire(name);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("priority", "must be one of "
                    + Arrays.stream(Priority.values()).map(Priority::wireName).toList() + ", got '"
                    + Printable.clip(name) + "'"));
            return null;
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
