package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.osint.collectors.username.Detection.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Maigret's {@code data.json}: {@code sites} by name, shared {@code engines} whose {@code site} fields a
 * site inherits, and {@code {username}}, {@code {urlMain}} and {@code {urlSubpath}} in its URLs.
 */
final class MaigretCatalogueReader implements CatalogueReader {

    @Override
    public List<Site> read(JsonNode root, String source, List<String> warnings) {
        JsonNode engines = root.path("engines");
        List<Site> sites = new ArrayList<>();
        int otherIdentifiers = 0;
        var fields = root.path("sites").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            try {
                JsonNode entry = withEngine(field.getValue(), engines);
                String type = entry.path("type").asText("username");
                if (!type.equals("username")) {
                    otherIdentifiers++; // a numeric id or e-mail check, not a username one
                    continue;
                }
                sites.add(site(field.getKey(), entry, source));
            } catch (IllegalArgumentException e) {
                warnings.add(source + ": site '" + field.getKey() + "' skipped: " + e.getMessage());
            }
        }
        if (otherIdentifiers > 0) {
            warnings.add(source + ": " + otherIdentifiers + " sites skipped because they check another kind of"
                    + " identifier than a username (Maigret's \"type\")");
        }
        return sites;
    }

    /**
     * The site's fields over its engine's, as Maigret combines them: the engine's lists are appended, its
     * objects merged, its other values win.
     */
    private static JsonNode withEngine(JsonNode site, JsonNode engines) {
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
            if (inherited.isArray() && own != null && own.isArray()) {
                ArrayNode both = ((ArrayNode) own).deepCopy();
                both.addAll((ArrayNode) inherited);
                merged.set(field.getKey(), both);
            } else if (inherited.isObject() && own != null && own.isObject()) {
                ObjectNode both = ((ObjectNode) own).deepCopy();
                both.setAll((ObjectNode) inherited);
                merged.set(field.getKey(), both);
            } else {
                merged.set(field.getKey(), inherited);
            }
        });
        return merged;
    }

    private static Site site(String name, JsonNode entry, String source) {
        String urlMain = CatalogueReader.text(entry, "urlMain");
        String url = CatalogueReader.urlTemplate(expand(CatalogueReader.text(entry, "url"), entry, urlMain), "url");
        String probe = entry.has("urlProbe")
                ? CatalogueReader.urlTemplate(expand(CatalogueReader.text(entry, "urlProbe"), entry, urlMain), "urlProbe")
                : null;
        String checkType = entry.path("checkType").asText("");
        List<String> absence = CatalogueReader.strings(entry.get("absenceStrs"));
        List<String> presence = CatalogueReader.strings(entry.get("presenseStrs"));
        Set<Method> methods = EnumSet.noneOf(Method.class);
        switch (checkType) {
            case "status_code" -> methods.add(Method.STATUS);
            case "message" -> {
                // with neither list Maigret counts any page as found; the status check is the least we ask
                methods.add(absence.isEmpty() && presence.isEmpty() ? Method.STATUS : Method.ABSENCE);
                if (!presence.isEmpty()) {
                    methods.add(Method.PRESENCE);
                }
            }
            case "response_url" -> {
                methods.add(Method.REDIRECT);
                if (!presence.isEmpty()) {
                    methods.add(Method.PRESENCE);
                }
            }
            default -> throw new IllegalArgumentException("checkType '" + checkType
                    + "' is not status_code, message or response_url");
        }
        Detection detection = new Detection(methods, Set.of(), absence, presence,
                CatalogueReader.text(entry, "errorUrl"), entry.path("ignore403").asBoolean(false),
                CatalogueReader.stringMap(entry.get("errors")));
        boolean headOnly = entry.path("requestHeadOnly").asBoolean(false) && checkType.equals("status_code");
        JsonNode rank = entry.get("alexaRank");
        List<String> tags = CatalogueReader.strings(entry.get("tags"));
        return new Site(name, url, probe, urlMain, detection,
                CatalogueReader.pattern(CatalogueReader.text(entry, "regexCheck")), headOnly ? "HEAD" : "GET",
                CatalogueReader.stringMap(entry.get("headers")), null, tags,
                rank == null || !rank.canConvertToInt() || rank.asInt() <= 0 ? null : rank.asInt(),
                Confidence.MEDIUM.value(), tags.contains("porn") || tags.contains("erotic"), entry.path("disabled").asBoolean(false),
                CatalogueReader.text(entry, "usernameClaimed"), source);
    }

    private static String expand(String template, JsonNode entry, String urlMain) {
        if (template == null) {
            return null;
        }
        String main = urlMain == null ? "" : urlMain.replaceAll("/+$", "");
        return template.replace("{urlMain}", main)
                .replace("{urlSubpath}", entry.path("urlSubpath").asText(""));
    }
}
