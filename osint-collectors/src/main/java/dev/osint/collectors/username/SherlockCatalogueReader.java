package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Sherlock's {@code data.json} as Sherlock 0.16 ({@code sherlock.py}) interprets it: an object of sites by
 * name, {@code {}} standing for the username in {@code url}, {@code urlProbe} and the strings of
 * {@code request_payload} (sent as JSON); {@code errorType} one of, or a list of, {@code status_code} (any status
 * outside 2xx, or one of {@code errorCode}, is "not found"), {@code message} (any {@code errorMsg} in the page is
 * "not found") and {@code response_url} (redirects are not followed; only a 2xx is "found").
 */
final class SherlockCatalogueReader implements CatalogueReader {
    static final String CATALOGUE = "sherlock";
    private static final String SHERLOCK_PLACEHOLDER = "{}";

    @Override
    public List<Site> read(JsonNode root, String source, List<Skip> skipped) {
        List<Site> sites = new ArrayList<>();
        root.fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("$") || !field.getValue().isObject()) {
                return; // "$schema" names the JSON schema, not a site
            }
            try {
                sites.add(site(field.getKey(), field.getValue(), source));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skip(field.getKey(), e.getMessage()));
            }
        });
        return sites;
    }

    /** True when {@code root} looks like Sherlock's file: site objects carrying {@code errorType}. */
    static boolean recognises(JsonNode root) {
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getKey().startsWith("$")) {
                return field.getValue().isObject() && field.getValue().has("errorType");
            }
        }
        return false;
    }

    private static Site site(String name, JsonNode entry, String source) {
        String url = placeholder(CatalogueReader.urlTemplate(CatalogueReader.text(entry, "url"), "url"));
        String probe = entry.has("urlProbe")
                ? placeholder(CatalogueReader.urlTemplate(CatalogueReader.text(entry, "urlProbe"), "urlProbe")) : null;
        List<String> types = CatalogueReader.strings(entry.get("errorType"));
        Set<Method> methods = EnumSet.noneOf(Method.class);
        for (String type : types) {
            methods.add(switch (type) {
                case "status_code" -> Method.STATUS;
                case "message" -> Method.ABSENCE;
                case "response_url" -> Method.REDIRECT;
                default -> throw new IllegalArgumentException("errorType '" + type
                        + "' is not status_code, message or response_url");
            });
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no errorType");
        }
        Set<Integer> errorCodes = new LinkedHashSet<>();
        JsonNode codes = entry.get("errorCode");
        if (codes != null && codes.isArray()) {
            codes.forEach(c -> errorCodes.add(c.asInt()));
        } else if (codes != null && codes.isInt()) {
            errorCodes.add(codes.asInt());
        }
        List<String> errorMessages = CatalogueReader.strings(entry.get("errorMsg"));
        if (methods.contains(Method.ABSENCE) && errorMessages.isEmpty()) {
            throw new IllegalArgumentException("errorType message without errorMsg");
        }
        String errorUrl = CatalogueReader.text(entry, "errorUrl");
        Detection detection = new Detection(CATALOGUE, String.join("+", types), methods, errorCodes,
                methods.contains(Method.ABSENCE) ? errorMessages : List.of(), List.of(),
                errorUrl == null ? null : placeholder(errorUrl));
        String body = payload(entry.get("request_payload"));
        CatalogueReader.placeholders(url, probe, body);
        Map<String, String> headers = CatalogueReader.headers(entry.get("headers"));
        if (body != null && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json"); // requests' json= sets it
        }
        return new Site(name, url, probe, CatalogueReader.text(entry, "urlMain"), List.of(detection),
                CatalogueReader.pythonPattern(CatalogueReader.text(entry, "regexCheck")),
                CatalogueReader.method(CatalogueReader.text(entry, "request_method")), headers, body, Map.of(),
                false, List.of(), null, Confidence.MEDIUM.value(), entry.path("isNSFW").asBoolean(false), false,
                CatalogueReader.text(entry, "username_claimed"), null, source);
    }

    private static String placeholder(String template) {
        return template.replace(SHERLOCK_PLACEHOLDER, Site.PLACEHOLDER);
    }

    /** The JSON payload with {@code {}} replaced in its strings only: an empty object {@code {}} stays one. */
    private static String payload(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return null;
        }
        return Json.write(substitute(payload.deepCopy()));
    }

    private static JsonNode substitute(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(placeholder(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, substitute(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substitute(array.get(i)));
            }
        }
        return node;
    }
}
