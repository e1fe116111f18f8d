package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.osint.collectors.username.Detection.Method;
import dev.osint.core.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Maigret's {@code data.json} as Maigret ({@code sites.py}, {@code checking.py}) interprets it: {@code sites}
 * by name, each merged with its {@code engine}'s {@code site} fields (the engine's lists appended, its objects
 * merged under the site's, its other values winning); {@code {urlMain}}, {@code {urlSubpath}} and {@code {username}}
 * in the URLs as Python's {@code str.format} fills them (doubled braces are literal), then doubled slashes in the
 * path collapsed; {@code checkType} {@code status_code} (a 2xx is "found"), {@code message} ("found" when the page
 * holds none of {@code absenceStrs} and, if there are any, one of {@code presenseStrs}) or {@code response_url}
 * (redirects not followed; a 2xx holding a presence string is "found"); {@code errors} are walls, {@code ignore403}
 * reads 403 pages, {@code requestMethod} and {@code requestPayload} (formatted the same way, sent as JSON) make the
 * request. Left out: sites whose {@code type} is not a username, that need {@code activation} (a token fetched
 * first), that send credentials, that are reached over Tor, I2P or DNS, and similar-name searches.
 */
final class MaigretCatalogueReader implements CatalogueReader {
    static final String CATALOGUE = "maigret";
    private static final String SENTINEL = "\u0000username\u0000";

    @Override
    public List<Site> read(JsonNode root, String source, List<Skip> skipped) {
        JsonNode engines = root.path("engines");
        List<Site> sites = new ArrayList<>();
        var fields = root.path("sites").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            try {
                sites.add(site(field.getKey(), withEngine(field.getValue(), engines), source));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skip(field.getKey(), e.getMessage()));
            }
        }
        return sites;
    }

    /** The site's fields over its engine's, as {@code MaigretSite.update_from_engine} combines them. */
    static JsonNode withEngine(JsonNode site, JsonNode engines) {
        String engineName = CatalogueReader.text(site, "engine");
        if (engineName == null) {
            return site;
        }
        JsonNode engine = engines.path(engineName).path("site");
        if (!engine.isObject()) {
            throw new IllegalArgumentException("engine '" + engineName + "' is not defined in \"engines\"");
        }
        ObjectNode merged = ((ObjectNode) site).deepCopy();
        engine.fields().forEachRemaining(field -> {
            JsonNode own = merged.get(field.getKey());
            JsonNode inherited = field.getValue();
            if (inherited.isArray()) {
                ArrayNode both = own != null && own.isArray() ? ((ArrayNode) own).deepCopy()
                        : Json.mapper().createArrayNode();
                both.addAll((ArrayNode) inherited);
                merged.set(field.getKey(), both);
            } else if (inherited.isObject()) {
                // errors_dict: the engine's entries first, the site's own over them
                ObjectNode both = ((ObjectNode) inherited).deepCopy();
                if (own != null && own.isObject()) {
                    both.setAll((ObjectNode) own);
                }
                merged.set(field.getKey(), both);
            } else {
                merged.set(field.getKey(), inherited);
            }
        });
        return merged;
    }

    private static Site site(String name, JsonNode entry, String source) {
        refuseWhatIsNotChecked(entry);
        String urlMain = CatalogueReader.text(entry, "urlMain");
        String url = CatalogueReader.urlTemplate(format(CatalogueReader.text(entry, "url"), entry, urlMain), "url");
        String probe = entry.has("urlProbe")
                ? CatalogueReader.urlTemplate(format(CatalogueReader.text(entry, "urlProbe"), entry, urlMain), "urlProbe")
                : null;
        String checkType = entry.path("checkType").asText("");
        List<String> absence = CatalogueReader.strings(entry.get("absenceStrs"));
        List<String> presence = CatalogueReader.strings(entry.get("presenseStrs")); // sic: Maigret's spelling
        Set<Method> methods = EnumSet.noneOf(Method.class);
        switch (checkType) {
            case "status_code" -> methods.add(Method.STATUS);
            case "message" -> {
                if (!absence.isEmpty()) {
                    methods.add(Method.ABSENCE);
                }
                if (!presence.isEmpty()) {
                    methods.add(Method.PRESENCE);
                }
                if (methods.isEmpty()) {
                    methods.add(Method.STATUS); // Maigret would count any page as found; a 2xx is the least we ask
                }
            }
            case "response_url" -> {
                methods.add(Method.REDIRECT);
                if (!presence.isEmpty()) {
                    methods.add(Method.PRESENCE);
                }
            }
            default -> throw new IllegalArgumentException(checkType.isEmpty() ? "no checkType"
                    : "checkType '" + checkType + "' is not status_code, message or response_url");
        }
        Detection detection = new Detection(CATALOGUE, checkType, methods, Set.of(),
                methods.contains(Method.ABSENCE) ? absence : List.of(),
                methods.contains(Method.PRESENCE) ? presence : List.of(), CatalogueReader.text(entry, "errorUrl"));
        String method = CatalogueReader.method(CatalogueReader.text(entry, "requestMethod"));
        if (entry.path("requestHeadOnly").asBoolean(false) && checkType.equals("status_code")) {
            method = "HEAD";
        }
        String body = payload(entry.get("requestPayload"));
        CatalogueReader.placeholders(url, probe, body);
        Map<String, String> headers = CatalogueReader.headers(entry.get("headers"));
        if (body != null && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json"); // aiohttp's json= sets it
        }
        JsonNode rank = entry.get("alexaRank");
        List<String> tags = CatalogueReader.strings(entry.get("tags"));
        return new Site(name, url, probe, urlMain, List.of(detection),
                CatalogueReader.pythonPattern(CatalogueReader.text(entry, "regexCheck")), method, headers, body,
                new LinkedHashMap<>(CatalogueReader.stringMap(entry.get("errors"))),
                entry.path("ignore403").asBoolean(false), tags,
                rank == null || !rank.canConvertToInt() || rank.asInt() <= 0 ? null : rank.asInt(),
                Confidence.MEDIUM.value(), tags.contains("porn") || tags.contains("erotic"),
                entry.path("disabled").asBoolean(false), CatalogueReader.text(entry, "usernameClaimed"),
                CatalogueReader.text(entry, "usernameUnclaimed"), source);
    }

    private static void refuseWhatIsNotChecked(JsonNode entry) {
        String type = entry.path("type").asText("username");
        if (!type.equals("username")) {
            throw new IllegalArgumentException("it checks a " + type + ", not a username");
        }
        if (entry.has("activation")) {
            throw new IllegalArgumentException("it needs activation (a token fetched from the site first)");
        }
        String protocol = entry.path("protocol").asText("");
        if (!protocol.isEmpty()) {
            throw new IllegalArgumentException("it is reached over " + protocol + ", not the web");
        }
        if (entry.path("similarSearch").asBoolean(false)) {
            throw new IllegalArgumentException("it searches for similar names, which does not show this name exists");
        }
    }

    /** Python's {@code str.format} with urlMain, urlSubpath and username, then Maigret's slash clean-up. */
    private static String format(String template, JsonNode entry, String urlMain) {
        if (template == null) {
            return null;
        }
        String filled = python(template.replace("{urlMain}", urlMain == null ? "" : urlMain)
                .replace("{urlSubpath}", entry.path("urlSubpath").asText("")));
        int query = filled.indexOf('?');
        String path = query < 0 ? filled : filled.substring(0, query);
        String rest = query < 0 ? "" : filled.substring(query);
        return path.replaceAll("(?<!:)/{2,}", "/") + rest;
    }

    /** {@code {username}} kept as the placeholder, {@code {{} and {@code }}} made single, as str.format does. */
    private static String python(String text) {
        return text.replace(Site.PLACEHOLDER, SENTINEL).replace("{{", "{").replace("}}", "}")
                .replace(SENTINEL, Site.PLACEHOLDER);
    }

    /** The payload as JSON, every string in it formatted like the URLs. */
    private static String payload(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return null;
        }
        return Json.write(formatted(payload.deepCopy()));
    }

    private static JsonNode formatted(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(python(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, formatted(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, formatted(array.get(i)));
            }
        }
        return node;
    }
}
