package dev.osint.collectors.virustotal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.core.TargetKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirusTotalParserTest {
    static JsonNode fixture(String file) throws IOException {
        try (InputStream in = VirusTotalParserTest.class.getResourceAsStream("/upstreams/virustotal/" + file)) {
            return Json.mapper().readTree(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> flagged(VirusTotalParser.Parsed parsed) {
        return (List<Map<String, Object>>) parsed.data().get("flagged_engines");
    }

    @Test
    void aUrlIdIsTheUrlInUnpaddedBase64url() {
        // the standard alphabet would give ".../L2E/Yj1+fn4=": a '/' that splits the path, a '+' and padding
        assertThat(VirusTotalParser.urlId("http://malicious.example/a?b=~~~"))
                .isEqualTo("aHR0cDovL21hbGljaW91cy5leGFtcGxlL2E_Yj1-fn4");
        assertThat(VirusTotalParser.urlId("http://malicious.example/?q=>>>"))
                .isEqualTo("aHR0cDovL21hbGljaW91cy5leGFtcGxlLz9xPT4-Pg");
    }

    @ParameterizedTest
    @CsvSource({
            "5, 0, 60, 20, malicious",
            "2, 0, 60, 20, malicious",
            "1, 0, 60, 20, suspicious",
            "0, 3, 60, 20, suspicious",
            "0, 0, 60, 20, clean",
            "0, 0, 0, 12, clean",
            "0, 0, 0, 0, unknown"})
    void theVerdictWordFollowsTheEngineCounts(int malicious, int suspicious, int harmless, int undetected,
                                              String verdict) {
        assertThat(VirusTotalParser.verdict(malicious, suspicious, harmless, undetected)).isEqualTo(verdict);
    }

    @Test
    void aDomainReportGivesCountsVerdictCategoriesAndFlaggingEngines() throws IOException {
        VirusTotalParser.Parsed parsed = VirusTotalParser.report(fixture("domain-report.json"), TargetKind.DOMAIN,
                "malicious.example");

        assertThat(parsed.data()).containsEntry("object_type", "domain").containsEntry("reputation", -27)
                .containsEntry("registrar", "Example Registrar, Inc.")
                .containsEntry("last_analysis_date", "2024-05-14T09:12:41Z")
                .containsEntry("summary", Map.of("verdict", "malicious", "malicious", 4, "suspicious", 1,
                        "harmless", 58, "undetected", 29, "timeout", 0));
        assertThat(parsed.data().get("categories")).isEqualTo(Map.of("Forcepoint ThreatSeeker",
                "phishing and other frauds", "Sophos", "phishing", "BitDefender", "phishing", "alphaMountain.ai",
                "Phishing"));
        assertThat(flagged(parsed)).extracting(e -> e.get("engine_name"), e -> e.get("category"), e -> e.get("result"))
                .containsExactly(
                        tuple("BitDefender", "malicious", "phishing"),
                        tuple("ESET", "malicious", "phishing"),
                        tuple("Fortinet", "malicious", "phishing"),
                        tuple("Sophos", "malicious", "phishing"),
                        tuple("Quttera", "suspicious", "suspicious"));
        assertThat(parsed.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.kind()).isEqualTo(EntityKind.DOMAIN);
            assertThat(entity.value()).isEqualTo("malicious.example");
            assertThat(entity.attributes()).containsEntry("verdict", "malicious").containsEntry("malicious", 4)
                    .containsEntry("reputation", -27);
        });
    }

    @Test
    void anIpReportHasItsNetworkAndNoCategories() throws IOException {
        VirusTotalParser.Parsed parsed = VirusTotalParser.report(fixture("ip-report.json"), TargetKind.IP,
                "198.51.100.23");

        assertThat(parsed.data()).containsEntry("as_owner", "Example Hosting LLC").containsEntry("asn", 64500)
                .containsEntry("network", "198.51.100.0/24").doesNotContainKey("categories");
        assertThat(parsed.entities()).extracting(Entity::kind, Entity::value, e -> e.attributes().get("verdict"))
                .containsExactly(tuple(EntityKind.IP, "198.51.100.23", "suspicious"));
    }

    @Test
    void aFileReportNamesTheFileAndGivesEachHashAsAnEntity() throws IOException {
        VirusTotalParser.Parsed parsed = VirusTotalParser.report(fixture("file-report.json"), TargetKind.HASH,
                "44d88612fea8a8f36de82e1278abb02f");

        assertThat(parsed.data()).containsEntry("meaningful_name", "eicar.com").containsEntry("size", 68L)
                .containsEntry("names", List.of("eicar.com", "eicar.com.txt", "eicar_test_file"));
        // "type-unsupported" engines neither flag it nor count towards the verdict
        assertThat(flagged(parsed)).extracting(e -> e.get("engine_name"))
                .containsExactly("Avast", "ClamAV", "Kaspersky");
        assertThat(parsed.entities()).extracting(Entity::kind, Entity::value, e -> e.attributes().get("algorithm"))
                .containsExactly(
                        tuple(EntityKind.HASH, "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f", "sha256"),
                        tuple(EntityKind.HASH, "3395856ce81f2b7382dee72602f798b642f14140", "sha1"),
                        tuple(EntityKind.HASH, "44d88612fea8a8f36de82e1278abb02f", "md5"));
        assertThat(parsed.entities()).allSatisfy(e -> assertThat(e.attributes())
                .containsEntry("verdict", "malicious").containsEntry("meaningful_name", "eicar.com")
                .containsEntry("names", List.of("eicar.com", "eicar.com.txt", "eicar_test_file")));
    }

    @Test
    void anObjectNeverAnalysedHasAnUnknownVerdict() throws IOException {
        JsonNode body = Json.mapper().readTree("{\"data\": {\"id\": \"new.example\", \"type\": \"domain\","
                + " \"attributes\": {\"reputation\": 0}}}");

        VirusTotalParser.Parsed parsed = VirusTotalParser.report(body, TargetKind.DOMAIN, "new.example");

        assertThat(parsed.data().get("summary")).isEqualTo(Map.of("verdict", "unknown", "malicious", 0,
                "suspicious", 0, "harmless", 0, "undetected", 0, "timeout", 0));
        assertThat(flagged(parsed)).isEmpty();
    }

    @Test
    void anAnswerOfTheWrongShapeIsAMalformedAnswerFromVirusTotal() {
        assertThatThrownBy(() -> VirusTotalParser.report(Json.mapper().readTree("{\"data\": []}"), TargetKind.DOMAIN,
                "malicious.example"))
                .isInstanceOf(CollectorException.class)
                .hasMessage("VirusTotal sent a malformed answer: expected {\"data\": {\"attributes\": {…}}}");
        assertThatThrownBy(() -> VirusTotalParser.report(Json.mapper().readTree(
                "{\"data\": {\"attributes\": {\"last_analysis_stats\": {\"malicious\": \"many\"}}}}"),
                TargetKind.DOMAIN, "malicious.example"))
                .hasMessage("VirusTotal sent a malformed answer: 'last_analysis_stats.malicious' is not a number");
    }

    @Test
    void theErrorCodeIsReadFromAV3ErrorBody() throws IOException {
        assertThat(VirusTotalParser.errorCode(fixture("not-found.json").toString())).contains("NotFoundError");
        assertThat(VirusTotalParser.errorCode("<html>not json</html>")).isEmpty();
    }
}
