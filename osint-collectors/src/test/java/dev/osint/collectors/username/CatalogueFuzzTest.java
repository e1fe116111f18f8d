package dev.osint.collectors.username;

import static dev.osint.core.testing.Fuzz.PARSER_TRY;
import static dev.osint.core.testing.Fuzz.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import dev.osint.core.testing.Fuzz;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Site catalogues in the three formats (the project's, Sherlock's, Maigret's), fuzzed: whatever a catalogue file
 * or URL holds, reading it gives a catalogue or a {@link CollectorException} naming the setting; never another
 * exception, never a hang.
 */
class CatalogueFuzzTest {
    private static final List<String> KEYS = List.of("format", "sites", "name", "url", "main_url", "probe_url",
            "detect", "username_pattern", "tags", "confidence", "username_claimed", "rank", "disabled", "method",
            "body", "headers", "absence", "presence", "not_found_url", "$schema", "urlMain", "urlProbe", "errorType",
            "errorMsg", "errorUrl", "errorCode", "regexCheck", "request_method", "request_payload", "isNSFW",
            "engines", "engine", "checkType", "presenseStrs", "absenceStrs", "usernameClaimed", "usernameUnclaimed",
            "alexaRank", "type", "status_code", "message", "response_url", "{username}");

    private static JsonNode resource(String path) {
        try (InputStream in = CatalogueFuzzTest.class.getResourceAsStream(path)) {
            return Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's overlay cut to its first sites: every kind of entry, at a size one try can copy. */
    private static JsonNode ownFormat() {
        ObjectNode own = (ObjectNode) resource("/dev/osint/collectors/username/overlay.json");
        ArrayNode sites = (ArrayNode) own.get("sites");
        while (sites.size() > 8) {
            sites.remove(sites.size() - 1);
        }
        return own;
    }

    @Provide
    Arbitrary<String> catalogues() {
        Arbitrary<JsonNode> documents = Arbitraries.oneOf(
                Fuzz.mutationsOf(ownFormat(), KEYS),
                Fuzz.mutationsOf(resource("/username/sherlock-data.json"), KEYS),
                Fuzz.mutationsOf(resource("/username/maigret-data.json"), KEYS),
                Fuzz.json(KEYS, 5));
        return Arbitraries.oneOf(documents.map(JsonNode::toString), documents.map(JsonNode::toString),
                documents.map(JsonNode::toString), Fuzz.text());
    }

    @Property
    void anyCatalogueIsReadOrRefusedWithTheSettingNamed(@ForAll("catalogues") String text) {
        within(PARSER_TRY, () -> {
            try {
                SiteCatalogue catalogue = CatalogueLoader.parse(text, "fuzzed.json");
                assertThat(catalogue.sites()).isNotEmpty();
            } catch (CollectorException e) {
                assertThat(e.getMessage()).startsWith("OSINT_USERNAME_SITES");
            }
            return null;
        });
    }
}
