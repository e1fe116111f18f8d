package dev.osint.collectors.whois;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhoisReferralChainTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "whois.verisign-grs.com, whois.verisign-grs.com",
            "WHOIS.MarkMonitor.COM., whois.markmonitor.com",
            "http://whois.markmonitor.com, whois.markmonitor.com",   // as Google Registry writes it
            "whois://whois.ripe.net, whois.ripe.net",                // ARIN's ReferralServer
            "whois.nic.example:43, whois.nic.example"})
    void plainHostNamesAreFollowed(String referral, String host) {
        assertThat(WhoisReferralChain.referredHost(referral)).hasValue(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "whois.google.com:6379/ flushall",   // another port, a path, a second command
            "whois.example.com\rexample.org",    // a CR smuggling a second query
            "whois.example.com example.org",
            "127.0.0.1",                         // an address literal: private ranges are no business of a referral
            "[::1]",
            "localhost",
            "rwhois://rwhois.example.net:4321",  // another protocol
            "whois.example.com/lookup",
            "-whois.example.com",
            ""})
    void anythingElseIsRefused(String referral) {
        assertThat(WhoisReferralChain.referredHost(referral)).isEmpty();
    }
}
