package dev.osint.collectors.whois;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.CollectorException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An RDAP {@code /ip/…} path holds an address or CIDR block and nothing that could step out of it. */
class RdapIpPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "192.0.2.0/24", "2001:db8::1", "2001:db8::/32", "::ffff:192.0.2.1"})
    void aParsedAddressOrBlockIsPutInThePathAsItIs(String value) {
        assertThat(RdapLookup.ipPath(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4/../../x", "1.2.3.4?x", "../1.2.3.4", "1.2.3.4/24/x", "1..2", "1.2.3.4#x",
            "example.com", "1.2.3.4%2F..", ""})
    void anythingElseIsRefusedBeforeARequest(String value) {
        assertThatThrownBy(() -> RdapLookup.ipPath(value)).isInstanceOf(CollectorException.class);
    }
}
