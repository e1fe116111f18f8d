package dev.osint.collectors.whois;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhoisTextParserTest {
    @Test
    void aThinRegistryAnswerGivesRegistrarDatesStatusNameServersAndAbuse() {
        RegistrationRecord record = WhoisTextParser.parse(Fixtures.whoisText("verisign-jh2i.com.txt"), false);

        assertThat(record.registrar).isEqualTo("Google LLC");
        assertThat(record.registrarIanaId).isEqualTo("895");
        assertThat(record.created).isEqualTo("2019-09-30T18:01:13Z");
        assertThat(record.updated).isEqualTo("2019-09-30T18:01:15Z");
        assertThat(record.expires).isEqualTo("2020-09-30T18:01:13Z");
        assertThat(record.status).containsExactly("clientTransferProhibited");
        assertThat(record.nameservers).containsExactly("ns-cloud-a1.googledomains.com",
                "ns-cloud-a2.googledomains.com", "ns-cloud-a3.googledomains.com", "ns-cloud-a4.googledomains.com");
        assertThat(record.dnssec).isEqualTo("unsigned");
        assertThat(record.abuseEmail).isEqualTo("registrar-abuse@google.com");
        assertThat(record.abusePhone).isEqualTo("+1.8772376466");
        assertThat(record.databaseUpdated).isEqualTo("2020-06-13T20:30:38Z");
        assertThat(record.registrantOrganization).isNull();
    }

    @Test
    void aRegistrarAnswerGivesTheRegistrantAndTheRegistrarsExpiry() {
        RegistrationRecord record = WhoisTextParser.parse(Fixtures.whoisText("google-jh2i.com.txt"), false);

        assertThat(record.registrantOrganization).isEqualTo("Contact Privacy Inc. Customer 1245566205");
        assertThat(record.registrantCountry).isEqualTo("CA");
        assertThat(record.registrantRedacted).isFalse();
        assertThat(record.expires).isEqualTo("2020-09-30T18:01:13Z");
    }

    @Test
    void redactedRegistrantFieldsAreNotedAndNotPublished() {
        String text = """
                Domain Name: example.com
                Registrar: Example Registrar, Inc.
                Registrant Name: REDACTED FOR PRIVACY
                Registrant Organization: REDACTED FOR PRIVACY
                Registrant Country: REDACTED FOR PRIVACY
                """;

        RegistrationRecord record = WhoisTextParser.parse(text, false);

        assertThat(record.registrantRedacted).isTrue();
        assertThat(record.registrantOrganization).isNull();
        assertThat(record.registrantCountry).isNull();
    }

    @Test
    void anArinAnswerGivesTheNetworkItsHolderAndAbuseContact() {
        RegistrationRecord record = WhoisTextParser.parse(Fixtures.whoisText("arin-8.8.8.8.txt"), true);

        assertThat(record.network.startAddress).isEqualTo("8.8.8.0");
        assertThat(record.network.endAddress).isEqualTo("8.8.8.255");
        assertThat(record.network.cidrs).containsExactly("8.8.8.0/24");
        assertThat(record.network.name).isEqualTo("GOGL");
        assertThat(record.network.handle).isEqualTo("NET-8-8-8-0-2");
        assertThat(record.network.type).isEqualTo("Direct Allocation");
        assertThat(record.registrantOrganization).isEqualTo("Google LLC");
        assertThat(record.registrantCountry).isEqualTo("US");
        assertThat(record.abuseEmail).isEqualTo("network-abuse@google.com");
        assertThat(record.abusePhone).isEqualTo("+1-650-253-0000");
        assertThat(record.created).isEqualTo("2023-12-28T00:00:00Z");
    }

    @Test
    void referralsComeFromReferRegistrarWhoisServerAndReferralServer() {
        assertThat(WhoisTextParser.referral(Fixtures.whoisText("iana-jh2i.com.txt"))).hasValue("whois.verisign-grs.com");
        assertThat(WhoisTextParser.referral(Fixtures.whoisText("verisign-jh2i.com.txt"))).hasValue("whois.google.com");
        assertThat(WhoisTextParser.referral("ReferralServer:  whois://whois.ripe.net\n")).hasValue("whois://whois.ripe.net");
        assertThat(WhoisTextParser.referral(Fixtures.whoisText("arin-8.8.8.8.txt"))).isEmpty();
    }

    @Test
    void ianaAnswersAreTellingWhereToAskNotWhatIsRegistered() {
        assertThat(WhoisTextParser.isRegistryDirectory(Fixtures.whoisText("iana-jh2i.com.txt"))).isTrue();
        assertThat(WhoisTextParser.isRegistryDirectory(Fixtures.whoisText("verisign-jh2i.com.txt"))).isFalse();
    }

    @Test
    void registriesSayingNothingIsRegisteredAreRecognised() {
        assertThat(WhoisTextParser.saysNotRegistered(Fixtures.whoisText("verisign-no-match.txt"))).isTrue();
        assertThat(WhoisTextParser.saysNotRegistered(Fixtures.whoisText("denic-free.txt"))).isTrue();
        assertThat(WhoisTextParser.saysNotRegistered("NOT FOUND\n>>> Last update of WHOIS database: x <<<")).isTrue();
        assertThat(WhoisTextParser.saysNotRegistered("No Data Found\n")).isTrue();
        assertThat(WhoisTextParser.saysNotRegistered("%ERROR:101: no entries found\n")).isTrue();
        assertThat(WhoisTextParser.saysNotRegistered(Fixtures.whoisText("verisign-jh2i.com.txt"))).isFalse();
        assertThat(WhoisTextParser.saysNotRegistered(Fixtures.whoisText("google-jh2i.com.txt"))).isFalse();
    }
}
