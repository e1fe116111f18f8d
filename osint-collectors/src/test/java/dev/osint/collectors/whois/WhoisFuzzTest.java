package dev.osint.collectors.whois;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.osint.core.testing.Fuzz.PARSER_TRY;
import static dev.osint.core.testing.Fuzz.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.osint.collectors.testing.LoopbackWhoisServer;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Json;
import dev.osint.core.testing.Fuzz;
import dev.osint.core.testing.TestScanContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * WHOIS text and RDAP answers, fuzzed: whatever a server sends, the text parser reads a record without an error,
 * and the collector gives a result or a {@link CollectorException}; never another exception, never a hang.
 */
class WhoisFuzzTest {
    private static final List<String> WHOIS_KEYS = List.of("Registrar", "Sponsoring Registrar", "Registrar IANA ID",
            "Creation Date", "created", "Registered on", "Updated Date", "changed", "Registry Expiry Date", "paid-till",
            "Expiry Date", "Domain Status", "status", "Name Server", "nserver", "DNSSEC", "Registrant Organization",
            "Registrant Country", "Registrant Name", "Registrar Abuse Contact Email", "OrgAbuseEmail", "abuse-mailbox",
            "Registrar Abuse Contact Phone", "NetRange", "inetnum", "inet6num", "CIDR", "NetName", "NetHandle",
            "NetType", "Country", "OrgName", "org-name", "refer", "Registrar WHOIS Server", "whois server",
            "ReferralServer", "whois", "domain");
    private static final List<String> RDAP_KEYS = List.of("objectClassName", "handle", "ldhName", "unicodeName",
            "status", "events", "eventAction", "eventDate", "nameservers", "secureDNS", "delegationSigned", "port43",
            "entities", "roles", "vcardArray", "publicIds", "type", "identifier", "remarks", "title", "description",
            "redacted", "name", "startAddress", "endAddress", "country", "cidr0_cidrs", "v4prefix", "v6prefix",
            "length", "errorCode", "links", "notices", "rdapConformance");

    private static WireMockServer rdap;
    private static LoopbackWhoisServer port43;

    @BeforeContainer
    static void start() {
        rdap = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rdap.start();
        port43 = LoopbackWhoisServer.start(); // the fallback after a failed RDAP answer: it knows nothing
    }

    @AfterContainer
    static void stop() {
        rdap.stop();
        port43.close();
    }

    @Provide
    Arbitrary<String> whoisTexts() {
        Arbitrary<String> separator = Arbitraries.of(": ", ":", " : ", ":\t", ".....: ", " ");
        Arbitrary<String> value = Arbitraries.oneOf(Fuzz.text(), Arbitraries.of("1997-09-15T04:00:00Z",
                "2024-13-45T99:99:99Z", "15-Sep-1997", "1997-09-15 04:00:00+99", "0000-00-00", "-1", "9".repeat(40),
                "clientTransferProhibited https://icann.org/epp#clientTransferProhibited", "REDACTED FOR PRIVACY",
                "NS1.EXAMPLE.COM 192.0.2.1", "192.0.2.0 - 192.0.2.255", "2001:db8::/32", "10.0.0.0/8, ,",
                "signedDelegation", "+1.5555551234", "abuse@example.com", "DE", "Germany", ""));
        Arbitrary<String> field = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(WHOIS_KEYS), Arbitraries.of(WHOIS_KEYS).map(String::toUpperCase),
                        Arbitraries.strings().withCharRange('A', 'z').ofMaxLength(70)),
                separator, value).as((k, s, v) -> k + s + v);
        Arbitrary<String> line = Arbitraries.oneOf(field, field, field, Fuzz.text(),
                Arbitraries.of("% comment", "# comment", ">>> Last update of WHOIS database: " + "x" + " <<<",
                        ">>> Last update of WHOIS database: 2024-02-30T25:61:00Z <<<", "No match for \"X.COM\".",
                        "NOT FOUND", "Status: free", "% IANA WHOIS server", ""));
        Arbitrary<String> generated = Combinators.combine(line.list().ofMaxSize(40),
                Arbitraries.of("\n", "\r\n", "\r")).as((lines, end) -> String.join(end, lines));
        Arbitrary<String> damagedReal = Arbitraries.of("google-jh2i.com.txt", "verisign-jh2i.com.txt",
                        "arin-8.8.8.8.txt", "denic-free.txt", "iana-de.txt", "verisign-hostile-referral.txt")
                .map(Fixtures::whoisText)
                .flatMap(text -> Combinators.combine(Arbitraries.integers().between(0, text.length()),
                        Arbitraries.integers().between(0, 200), Fuzz.text())
                        .as((at, cut, insert) -> text.substring(0, at) + insert
                                + text.substring(Math.min(text.length(), at + cut))));
        return Arbitraries.oneOf(generated, damagedReal);
    }

    @Property
    void anyWhoisTextIsReadWithoutAnError(@ForAll("whoisTexts") String text, @ForAll boolean network) {
        within(PARSER_TRY, () -> {
            RegistrationRecord record = WhoisTextParser.parse(text, network);
            WhoisTextParser.referral(text);
            WhoisTextParser.saysNotRegistered(text);
            WhoisTextParser.isRegistryDirectory(text);
            Map<String, Object> data = record.toData("whois", List.of("whois.example.net"), text);
            assertThat(Json.write(data)).isNotEmpty();
            return null;
        });
    }

    @Provide
    Arbitrary<String> rdapAnswers() {
        Arbitrary<JsonNode> documents = Arbitraries.oneOf(
                Fuzz.json(RDAP_KEYS, 5),
                Fuzz.mutationsOf(Fixtures.rdapJson("google.com.json"), RDAP_KEYS),
                Fuzz.mutationsOf(Fixtures.rdapJson("bugatti.app.json"), RDAP_KEYS),
                Fuzz.mutationsOf(Fixtures.rdapJson("8.8.8.8.json"), RDAP_KEYS));
        return Arbitraries.oneOf(documents.map(JsonNode::toString), documents.map(JsonNode::toString),
                documents.map(JsonNode::toString), Fuzz.text());
    }

    @Property
    void anyRdapAnswerGivesAResultOrACollectorError(@ForAll("rdapAnswers") String answer,
                                                      @ForAll("targets") String target) {
        rdap.resetAll();
        rdap.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rdap+json").withBody(answer)));
        TestScanContext.Builder scan = TestScanContext.aScanOf(new WhoisCollector(WhoisCollectorRdapTest.FRESH_BOOTSTRAP))
                .target(target)
                .setting("OSINT_RDAP_BASE_URL", rdap.baseUrl())
                .setting("OSINT_WHOIS_SERVER", port43.address())
                .setting("OSINT_WHOIS_TIMEOUT", "2");
        within(Duration.ofSeconds(20), () -> {
            try {
                CollectorOutput output = scan.run();
                assertThat(Json.write(output.data())).isNotEmpty();
                assertThat(Json.write(output.entities())).isNotEmpty();
            } catch (CollectorException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            return null;
        });
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of("example.com", "8.8.8.8", "2001:db8::1", "192.0.2.0/24");
    }
}
