package dev.osint.core;

import static dev.osint.core.TargetKind.CIDR;
import static dev.osint.core.TargetKind.DOMAIN;
import static dev.osint.core.TargetKind.EMAIL;
import static dev.osint.core.TargetKind.HASH;
import static dev.osint.core.TargetKind.IP;
import static dev.osint.core.TargetKind.PERSON_NAME;
import static dev.osint.core.TargetKind.PHONE;
import static dev.osint.core.TargetKind.URL;
import static dev.osint.core.TargetKind.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetParserTest {
    private static final Set<TargetKind> ALL = EnumSet.allOf(TargetKind.class);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.com|DOMAIN|example.com",
            "  Example.COM.  |DOMAIN|example.com",
            "bücher.example|DOMAIN|xn--bcher-kva.example",
            "_sip._tcp.example.com|DOMAIN|_sip._tcp.example.com",
            "192.0.2.1|IP|192.0.2.1",
            "2001:DB8::1|IP|2001:db8:0:0:0:0:0:1",
            "192.0.2.0/24|CIDR|192.0.2.0/24",
            "Jane.Doe@Example.com|EMAIL|jane.doe@example.com",
            "https://example.com/a/../b|URL|https://example.com/b",
            "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8|HASH|5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
            "+1 (555) 010-0199|PHONE|+15550100199",
            "Jane Doe|PERSON_NAME|Jane Doe",
            "@jane_doe|USERNAME|jane_doe",
    })
    void eachKindIsRecognisedAndNormalised(String raw, TargetKind kind, String value) {
        assertThat(TargetParser.parse(raw, ALL)).isEqualTo(new Target(kind, value));
    }

    @Test
    void aFediverseHandleIsAUsernameOnItsInstanceNotAnEmailAndCapitalsStay() {
        assertThat(TargetParser.parse("@Gargron@Mastodon.Social", ALL))
                .isEqualTo(new Target(USERNAME, "@Gargron@mastodon.social"));
        // normalised, it reads back as itself
        assertThat(TargetParser.parse("@Gargron@mastodon.social", EnumSet.of(USERNAME)).value())
                .isEqualTo("@Gargron@mastodon.social");
        assertThat(TargetParser.parse("@alice@mastodon.social", EnumSet.of(USERNAME, EMAIL)).kind()).isEqualTo(USERNAME);
        assertThat(TargetParser.parse("alice@mastodon.social", EnumSet.of(USERNAME, EMAIL)).kind()).isEqualTo(EMAIL);
        assertThat(TargetParser.kindsOf("@alice@mastodon.social")).containsExactly(USERNAME);
        assertThat(TargetParser.kindsOf("@alice@not a domain")).isEmpty();
        assertThat(TargetParser.parse("JaneDoe", EnumSet.of(USERNAME)).value()).isEqualTo("JaneDoe");
    }

    @Test
    void theSameTextIsWhatTheCollectorAccepts() {
        assertThat(TargetParser.parse("john.doe", EnumSet.of(DOMAIN)).kind()).isEqualTo(DOMAIN);
        assertThat(TargetParser.parse("john.doe", EnumSet.of(USERNAME)).kind()).isEqualTo(USERNAME);
        assertThat(TargetParser.parse("d41d8cd98f00b204e9800998ecf8427e", EnumSet.of(USERNAME, HASH)).kind())
                .isEqualTo(HASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com\r\nwhois injection", "exa\u0000mple.com", "example.com\n", "a\u200Bb.com"})
    void controlCharactersAreRefusedWithTheirPosition(String raw) {
        assertThatThrownBy(() -> TargetParser.parse(raw, ALL))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void aKindTheCollectorDoesNotTakeIsNamed() {
        assertThatThrownBy(() -> TargetParser.parse("jane@example.com", EnumSet.of(DOMAIN, IP)))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessage("'jane@example.com' looks like email, but this collector accepts domain, ip")
                .satisfies(e -> assertThat(((InvalidTargetException) e).accepted()).containsExactlyInAnyOrder(DOMAIN, IP));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad..domain|has an empty label",
            "-bad.example|may hold only letters",
            "example.123|the top-level label is numeric",
    })
    void aBrokenDomainSaysWhatIsWrong(String raw, String problem) {
        assertThatThrownBy(() -> TargetParser.parse(raw, EnumSet.of(DOMAIN)))
                .hasMessageContaining("is not a valid domain").hasMessageContaining(problem);
    }

    @Test
    void lengthsAreLimited() {
        assertThatThrownBy(() -> TargetParser.parse("a".repeat(64) + ".com", EnumSet.of(DOMAIN)))
                .hasMessageContaining("longer than 63");
        assertThatThrownBy(() -> TargetParser.parse("x".repeat(3000), ALL)).hasMessageContaining("at most 2048");
        assertThatThrownBy(() -> TargetParser.parse("   ", ALL)).hasMessage("must not be empty");
    }

    @Test
    void ipLiteralsAreStrict() {
        assertThat(TargetParser.kindsOf("256.1.1.1")).doesNotContain(IP);
        assertThat(TargetParser.kindsOf("192.0.2.1/33")).doesNotContain(CIDR);
        assertThat(TargetParser.kindsOf("not:an:ip:zz")).doesNotContain(IP);
        assertThat(TargetParser.kindsOf("jane doe smith")).contains(PERSON_NAME);
        assertThat(TargetParser.kindsOf("http://")).doesNotContain(URL);
        assertThat(TargetParser.kindsOf("12345")).doesNotContain(PHONE);
        assertThat(TargetParser.kindsOf("a@b@c.com")).doesNotContain(EMAIL);
    }

    /**
     * The parser skips IDN.toASCII for ASCII, on the ground that it returns an ASCII label (1 to 63 characters,
     * which the parser checks first) unchanged: checked here over random labels of every ASCII character, and
     * domains made of them come out as IDN.toASCII would make them.
     */
    @Test
    void asciiLabelsNormaliseAsIdnDoes() {
        java.util.Random random = new java.util.Random(13);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder label = new StringBuilder();
            int length = 1 + random.nextInt(n % 10 == 0 ? 63 : 12);
            for (int i = 0; i < length; i++) {
                label.append((char) (n % 2 == 0 ? 1 + random.nextInt(127) : "abcXYZ09-_."
                        .charAt(random.nextInt(11))));
            }
            String text = label.toString();
            if (text.indexOf('.') < 0) {
                assertThat(java.net.IDN.toASCII(text, java.net.IDN.ALLOW_UNASSIGNED)).isEqualTo(text);
            }
            String domain = text + ".Example";
            if (TargetParser.kindsOf(domain).contains(DOMAIN)) {
                assertThat(TargetParser.parseAs(domain, DOMAIN).value()).isEqualTo(
                        java.net.IDN.toASCII(domain, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
