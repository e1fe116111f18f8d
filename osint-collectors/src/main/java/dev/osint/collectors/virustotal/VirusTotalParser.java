package dev.osint.collectors.virustotal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.core.TargetKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns a VirusTotal v3 object (domain, IP address, URL or file) into a verdict, flagged engines and entities. */
final class VirusTotalParser {
    static final String VIRUSTOTAL = "VirusTotal";
    /** The engine counts a verdict is made of, in the order shown. */
    private static final List<String> COUNTS = List.of("malicious", "suspicious", "harmless", "undetected", "timeout");

    /** What one answer says: the result's {@code data} and the entities found in it. */
    record Parsed(Map<String, Object> data, List<Entity> entities) {}

    private VirusTotalParser() {}

    /** A URL's identifier as VirusTotal defines it: the URL in unpadded base64url (RFC 4648 §5). */
    static String urlId(String url) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The verdict word: a single engine's "malicious" is too often a false positive to call the target malicious,
     * so it takes two; one, or any "suspicious", makes it suspicious.
     */
    static String verdict(int malicious, int suspicious, int harmless, int undetected) {
        if (malicious >= 2) {
            return "malicious";
        }
        if (malicious == 1 || suspicious > 0) {
            return "suspicious";
        }
        return harmless + undetected > 0 ? "clean" : "unknown";
    }

    /** The {@code error.code} of a v3 error body ({@code NotFoundError}, …), when the text is one. */
    static Optional<String> errorCode(String body) {
        try {
            JsonNode code = Json.mapper().readTree(body).path("error").path("code");
            return code.isTextual() ? Optional.of(code.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The {@code data} object of {@code GET /domains/…}, {@code /ip_addresses/…}, {@code /urls/…} or {@code /files/…}. */
    static Parsed report(JsonNode body, TargetKind kind, String target) {
        JsonNode object = body.path("data");
        JsonNode attributes = object.path("attributes");
        if (!body.isObject() || !object.isObject() || !attributes.isObject()) {
            throw malformed("expected {\"data\": {\"attributes\": {…}}}");
        }
        Map<String, Object> summary = summary(attributes.path("last_analysis_stats"));
        String verdict = (String) summary.get("verdict");
        Integer reputation = attributes.path("reputation").isInt() ? attributes.path("reputation").asInt() : null;

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("object_type", text(object, "type"));
        data.put("id", text(object, "id"));
        data.put("summary", summary);
        data.put("reputation", reputation);
        data.put("categories", categories(attributes.path("categories")));
        data.put("flagged_engines", flaggedEngines(attributes.path("last_analysis_results")));
        data.put("last_analysis_date", date(attributes.path("last_analysis_date")));
        data.put("tags", texts(attributes.path("tags")));
        switch (kind) {
            case DOMAIN -> {
                data.put("registrar", text(attributes, "registrar"));
                data.put("tld", text(attributes, "tld"));
            }
            case IP -> {
                data.put("as_owner", text(attributes, "as_owner"));
                data.put("asn", attributes.path("asn").isInt() ? attributes.path("asn").asInt() : null);
                data.put("country", text(attributes, "country"));
                data.put("network", text(attributes, "network"));
            }
            case URL -> {
                data.put("url", text(attributes, "url"));
                data.put("last_final_url", text(attributes, "last_final_url"));
                data.put("title", text(attributes, "title"));
            }
            case HASH -> {
                data.put("md5", text(attributes, "md5"));
                data.put("sha1", text(attributes, "sha1"));
                data.put("sha256", text(attributes, "sha256"));
                data.put("meaningful_name", text(attributes, "meaningful_name"));
                data.put("names", texts(attributes.path("names")));
                data.put("size", attributes.path("size").isNumber() ? attributes.path("size").asLong() : null);
                data.put("type_description", text(attributes, "type_description"));
            }
            default -> throw new CollectorException("VirusTotal does not look up " + kind.wireName() + " targets");
        }
        data.values().removeIf(Objects::isNull);
        return new Parsed(data, entities(kind, target, verdict, summary, reputation, data));
    }

    private static Map<String, Object> summary(JsonNode stats) {
        if (!stats.isMissingNode() && !stats.isObject()) {
            throw malformed("'last_analysis_stats' is not an object");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("verdict", "");
        for (String count : COUNTS) {
            JsonNode value = stats.path(count);
            if (!value.isMissingNode() && !value.isIntegralNumber()) {
                throw malformed("'last_analysis_stats." + count + "' is not a number");
            }
            summary.put(count, value.asInt(0));
        }
        summary.put("verdict", verdict((int) summary.get("malicious"), (int) summary.get("suspicious"),
                (int) summary.get("harmless"), (int) summary.get("undetected")));
        return summary;
    }

    /** The engines that called it malicious or suspicious, malicious first, then by name. */
    private static List<Map<String, Object>> flaggedEngines(JsonNode results) {
        if (!results.isMissingNode() && !results.isObject()) {
            throw malformed("'last_analysis_results' is not an object");
        }
        List<Map<String, Object>> flagged = new ArrayList<>();
        results.properties().forEach(entry -> {
            String category = text(entry.getValue(), "category");
            if ("malicious".equals(category) || "suspicious".equals(category)) {
                Map<String, Object> engine = new LinkedHashMap<>();
                String name = text(entry.getValue(), "engine_name");
                engine.put("engine_name", name == null ? entry.getKey() : name);
                engine.put("category", category);
                engine.put("result", text(entry.getValue(), "result"));
                engine.values().removeIf(Objects::isNull);
                flagged.add(engine);
            }
        });
        flagged.sort(Comparator.comparing((Map<String, Object> e) -> "malicious".equals(e.get("category")) ? 0 : 1)
                .thenComparing(e -> ((String) e.get("engine_name")).toLowerCase(Locale.ROOT)));
        return flagged;
    }

    /** Each vendor's category of a domain or URL; IPs and files have none. */
    private static Map<String, String> categories(JsonNode categories) {
        if (!categories.isObject()) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        categories.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                result.put(e.getKey(), e.getValue().asText());
            }
        });
        return result;
    }

    private static List<Entity> entities(TargetKind kind, String target, String verdict, Map<String, Object> summary,
                                         Integer reputation, Map<String, Object> data) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("verdict", verdict);
        attributes.put("malicious", summary.get("malicious"));
        attributes.put("suspicious", summary.get("suspicious"));
        attributes.put("reputation", reputation);
        attributes.values().removeIf(Objects::isNull);
        List<Entity> entities = new ArrayList<>();
        if (kind != TargetKind.HASH) {
            EntityKind entityKind = switch (kind) {
                case DOMAIN -> EntityKind.DOMAIN;
                case IP -> EntityKind.IP;
                default -> EntityKind.URL;
            };
            entities.add(Entity.of(entityKind, target, VirusTotalCollector.TYPE, attributes));
            return entities;
        }
        // a file is known by three hashes; each is its own entity so any of them correlates
        for (String algorithm : List.of("sha256", "sha1", "md5")) {
            Object hash = data.get(algorithm);
            if (hash == null) {
                continue;
            }
            Map<String, Object> hashAttributes = new LinkedHashMap<>(attributes);
            hashAttributes.put("algorithm", algorithm);
            if (data.containsKey("meaningful_name")) {
                hashAttributes.put("meaningful_name", data.get("meaningful_name"));
            }
            hashAttributes.put("names", data.getOrDefault("names", List.of()));
            entities.add(Entity.of(EntityKind.HASH, (String) hash, VirusTotalCollector.TYPE, hashAttributes));
        }
        if (entities.isEmpty()) {
            entities.add(Entity.of(EntityKind.HASH, target, VirusTotalCollector.TYPE, attributes));
        }
        return entities;
    }

    private static String date(JsonNode epochSeconds) {
        return epochSeconds.isIntegralNumber() ? Instant.ofEpochSecond(epochSeconds.asLong()).toString() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(item -> {
                if (item.isTextual()) {
                    result.add(item.asText());
                }
            });
        }
        return result;
    }

    static CollectorException malformed(String why) {
        return new CollectorException(VIRUSTOTAL + " sent a malformed answer: " + why);
    }
}
