package dev.osint.history.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.osint.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * STIX bundles are checked against the OASIS STIX 2.1 JSON schemas (test resources, copied unmodified with their
 * licence from oasis-open/cti-stix2-json-schemas): the bundle, and each object against its own type's schema.
 */
class StixExportTest {
    private static final String SCHEMA_BASE =
            "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_BASE, "classpath:stix2-schemas/schemas/")));
    private static final Map<String, String> SCHEMA_OF = Map.ofEntries(
            Map.entry("bundle", "common/bundle.json"), Map.entry("report", "sdos/report.json"),
            Map.entry("identity", "sdos/identity.json"), Map.entry("relationship", "sros/relationship.json"),
            Map.entry("vulnerability", "sdos/vulnerability.json"), Map.entry("location", "sdos/location.json"),
            Map.entry("domain-name", "observables/domain-name.json"),
            Map.entry("ipv4-addr", "observables/ipv4-addr.json"), Map.entry("ipv6-addr", "observables/ipv6-addr.json"),
            Map.entry("email-addr", "observables/email-addr.json"),
            Map.entry("user-account", "observables/user-account.json"), Map.entry("url", "observables/url.json"),
            Map.entry("x509-certificate", "observables/x509-certificate.json"),
            Map.entry("autonomous-system", "observables/autonomous-system.json"),
            Map.entry("network-traffic", "observables/network-traffic.json"), Map.entry("file", "observables/file.json"),
            Map.entry("software", "observables/software.json"));

    private static JsonNode export() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.STIX.write(SampleScans.all(), out);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static List<String> errors(String schemaPath, JsonNode node) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_BASE + schemaPath));
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    @Test
    void theBundleAndEveryObjectAreValidStix21() throws IOException {
        JsonNode bundle = export();
        Set<String> types = new HashSet<>();
        for (JsonNode object : bundle.get("objects")) {
            String type = object.get("type").asText();
            types.add(type);
            assertThat(SCHEMA_OF).as("a schema for %s", type).containsKey(type);
            assertThat(errors(SCHEMA_OF.get(type), object)).as("%s", object).isEmpty();
        }
        assertThat(errors("common/bundle.json", bundle)).isEmpty();
        assertThat(types).contains("report", "identity", "relationship", "domain-name", "ipv4-addr", "ipv6-addr",
                "email-addr", "user-account", "url", "x509-certificate", "autonomous-system", "network-traffic",
                "file", "software", "vulnerability");
    }

    @Test
    void theValidatorRejectsWhatIsNotStix() throws IOException {
        JsonNode bundle = export();
        var broken = ((com.fasterxml.jackson.databind.node.ObjectNode) bundle.get("objects").get(0)).deepCopy();
        broken.put("created", "yesterday");
        assertThat(errors("sdos/identity.json", broken)).isNotEmpty();
    }

    @Test
    void everyReferenceNamesAnObjectOfTheBundle() throws IOException {
        JsonNode bundle = export();
        Set<String> ids = new HashSet<>();
        bundle.get("objects").forEach(o -> ids.add(o.get("id").asText()));
        List<String> refs = new ArrayList<>();
        for (JsonNode object : bundle.get("objects")) {
            object.fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("_ref")) {
                    refs.add(field.getValue().asText());
                } else if (field.getKey().endsWith("_refs")) {
                    field.getValue().forEach(ref -> refs.add(ref.asText()));
                }
            });
        }
        assertThat(refs).isNotEmpty();
        assertThat(ids).containsAll(refs);
    }

    @Test
    void reportsNameTheirScansAndRelationshipsSayWhatWasFound() throws IOException {
        JsonNode bundle = export();
        List<JsonNode> reports = new ArrayList<>();
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        bundle.get("objects").forEach(o -> {
            byId.put(o.get("id").asText(), o);
            if (o.get("type").asText().equals("report")) {
                reports.add(o);
            }
        });
        assertThat(reports).extracting(r -> r.get("x_osint_task_id").asText())
                .containsExactly("dns-1", "shodan-1", "username-1", "whois-1", "hibp-1", "failed-1");
        assertThat(reports.getFirst().get("name").asText()).isEqualTo("dns scan of example.com");

        String www = StixIds.sco("domain-name", Map.of("value", "www.example.com"));
        String ip = StixIds.sco("ipv4-addr", Map.of("value", "192.0.2.1"));
        assertThat(relationships(bundle, "resolves-to")).contains(www + " -> " + ip);
        assertThat(relationships(bundle, "belongs-to")).anyMatch(r -> r.startsWith(ip + " -> autonomous-system--"));
        assertThat(relationships(bundle, "related-to"))
                .contains(StixIds.sco("domain-name", Map.of("value", "example.com")) + " -> " + www);
        JsonNode traffic = byId.values().stream().filter(o -> o.get("type").asText().equals("network-traffic"))
                .findFirst().orElseThrow();
        assertThat(traffic.get("dst_ref").asText()).isEqualTo(ip);
        assertThat(traffic.get("dst_port").asInt()).isEqualTo(443);
        JsonNode hibp = reports.get(4);
        assertThat(hibp.get("x_osint_unmapped_entities").toString()).contains("Adobe");
    }

    private static List<String> relationships(JsonNode bundle, String type) {
        List<String> found = new ArrayList<>();
        bundle.get("objects").forEach(o -> {
            if (o.get("type").asText().equals("relationship") && o.get("relationship_type").asText().equals(type)) {
                found.add(o.get("source_ref").asText() + " -> " + o.get("target_ref").asText());
            }
        });
        return found;
    }

    @Test
    void identifiersAreTheSameOnEveryExport() throws IOException {
        assertThat(export()).isEqualTo(export());
        // one SCO, one id, however many scans saw it
        JsonNode bundle = export();
        long ips = 0;
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asText().equals("ipv4-addr") && o.get("value").asText().equals("192.0.2.1")) {
                ips++;
            }
        }
        assertThat(ips).isEqualTo(1);
    }

    @Test
    void uuid5FollowsRfc4122() {
        // RFC 4122's namespace for DNS names, and the UUIDv5 Python's uuid module gives for python.org
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(StixIds.uuid5(dns, "python.org")).isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    }
}
