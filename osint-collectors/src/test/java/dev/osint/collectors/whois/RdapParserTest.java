package dev.osint.collectors.whois;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import org.junit.jupiter.api.Test;

class RdapParserTest {
    @Test
    void aDomainAnswerGivesEveryField() {
        RegistrationRecord record = RdapParser.parse(Fixtures.rdapJson("google.com.json"), false, "rdap.verisign.com");

        assertThat(record.registrar).isEqualTo("MarkMonitor Inc.");
        assertThat(record.registrarIanaId).isEqualTo("292");
        assertThat(record.created).isEqualTo("1997-09-15T04:00:00Z");
        assertThat(record.updated).isEqualTo("2019-09-09T15:39:04Z");
        assertThat(record.expires).isEqualTo("2028-09-14T04:00:00Z");
        assertThat(record.databaseUpdated).isEqualTo("2021-12-17T11:35:32Z");
        assertThat(record.status).containsExactly("clientDeleteProhibited", "clientTransferProhibited",
                "clientUpdateProhibited", "serverDeleteProhibited", "serverTransferProhibited",
                "serverUpdateProhibited");
        assertThat(record.nameservers).containsExactly("ns1.google.com", "ns2.google.com", "ns3.google.com",
                "ns4.google.com");
        assertThat(record.dnssec).isEqualTo("signedDelegation");
        assertThat(record.registrantOrganization).isEqualTo("Google LLC");
        assertThat(record.registrantCountry).isEqualTo("US");
        assertThat(record.registrantRedacted).isFalse();
        assertThat(record.abuseEmail).isEqualTo("abusecomplaints@markmonitor.com");
        assertThat(record.abusePhone).isEqualTo("+1.2083895740");
        assertThat(record.whoisServer).isEqualTo("whois.markmonitor.com");
        assertThat(record.network).isNull();
    }

    @Test
    void aRedactedRegistrantIsNotedAndItsPlaceholdersAreNotTakenForData() {
        RegistrationRecord record = RdapParser.parse(Fixtures.rdapJson("bugatti.app.json"), false, "registry.google");

        assertThat(record.registrantRedacted).isTrue();
        assertThat(record.registrantOrganization).isNull();
        assertThat(record.registrantCountry).isNull();   // "XX" in the redacted address
        assertThat(record.registrar).isEqualTo("Google LLC.");
        assertThat(record.abuseEmail).isEqualTo("registrar-abuse@google.com");
        assertThat(record.dnssec).isEqualTo("unsigned");
        assertThat(record.updated).isEqualTo("2021-07-26T17:17:18.925Z");
    }

    @Test
    void rfc9537RedactedMembersNoteRedactionToo() throws Exception {
        String answer = """
                {"objectClassName": "domain", "ldhName": "example.com",
                 "redacted": [{"name": {"type": "Registrant Organization"}, "method": "removal",
                               "reason": {"description": "Server policy"}}]}""";

        RegistrationRecord record = RdapParser.parse(Json.mapper().readTree(answer), false, "rdap.example");

        assertThat(record.registrantRedacted).isTrue();
    }

    @Test
    void anIpNetworkAnswerGivesTheBlockItsHolderAndAbuseContact() {
        RegistrationRecord record = RdapParser.parse(Fixtures.rdapJson("8.8.8.8.json"), true, "rdap.arin.net");

        assertThat(record.network.handle).isEqualTo("NET-8-8-8-0-2");
        assertThat(record.network.name).isEqualTo("GOGL");
        assertThat(record.network.startAddress).isEqualTo("8.8.8.0");
        assertThat(record.network.endAddress).isEqualTo("8.8.8.255");
        assertThat(record.network.cidrs).containsExactly("8.8.8.0/24");
        assertThat(record.network.type).isEqualTo("DIRECT ALLOCATION");
        assertThat(record.status).containsExactly("active");
        assertThat(record.registrantOrganization).isEqualTo("Google LLC");
        assertThat(record.abuseEmail).isEqualTo("network-abuse@google.com");
        assertThat(record.abusePhone).isEqualTo("+1-650-253-0000");
        assertThat(record.created).isEqualTo("2023-12-28T22:24:33Z");
        assertThat(record.updated).isEqualTo("2023-12-28T22:24:56Z");
    }

    @Test
    void anAnswerThatIsNoObjectIsAFinalError() throws Exception {
        assertThatThrownBy(() -> RdapParser.parse(Json.mapper().readTree("[1, 2]"), false, "rdap.example"))
                .isInstanceOf(CollectorException.class)
                .hasMessageContaining("rdap.example sent a malformed RDAP answer");
    }
}
