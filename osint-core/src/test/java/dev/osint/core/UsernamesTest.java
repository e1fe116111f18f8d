package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile usernames: path steps, characters that change a URL's path, look-alikes that mix scripts. */
class UsernamesTest {
    private static Target username(String raw) {
        return TargetParser.parse(raw, EnumSet.of(TargetKind.USERNAME));
    }

    private static String refusal(String raw) {
        try {
            username(raw);
        } catch (InvalidTargetException e) {
            return e.problem();
        }
        throw new AssertionError("accepted: " + raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "@..", "．．", "\uFF0E"})
    void pathStepsAreRefused(String raw) {
        assertThat(refusal(raw)).contains("names the current or parent directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "../etc", "a\\b", "a?b=1", "a#frag", "a%2Fb", "%2e%2e", "a;b", "a:b",
            "a&b", "a+b", "user@host", "a\"b", "a<b>", "a'b", "a*b", "a~b", "jdoe／x", "jdoe＼x", "½", "a\u2215b"})
    void charactersThatWouldChangeAUrlPathAreRefusedByName(String raw) {
        assertThat(refusal(raw)).contains("contains").contains("cannot change the path of a URL");
    }

    @Test
    void aSpaceIsRefusedToo() {
        assertThat(refusal("a b")).isEqualTo("'a b' looks like person_name, but this collector accepts username");
    }

    @Test
    void theRefusalNamesTheCharacterAndWhereItIs() {
        assertThat(refusal("jdoe/../admin")).isEqualTo("'jdoe/../admin' is not a valid username: it contains '/'"
                + " (U+002F) at position 4; a username holds only letters, digits, '.', '_' and '-', so that it"
                + " cannot change the path of a URL it is put in");
    }

    @Test
    void unicodeIsNfkcNormalised() {
        assertThat(username("ｊｄｏｅ").value()).isEqualTo("jdoe");
        assertThat(username("ﬁnn").value()).isEqualTo("finn");
        assertThat(username("jdoe²").value()).isEqualTo("jdoe2");
        // composed and decomposed forms are one name
        assertThat(username("Jose\u0301").value()).isEqualTo(username("José").value()).isEqualTo("José");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pаypal", "аdmin", "jdoe\u03BF", "gооgle", "аpple123", "mixedΩmega"})
    void namesThatMixScriptsAreRefusedAsLookAlikes(String raw) {
        assertThat(refusal(raw)).contains("mixes the").contains("scripts, as look-alike names do");
    }

    @Test
    void theScriptsThatMixAreNamed() {
        assertThat(refusal("pаypal")).endsWith("it mixes the Cyrillic and Latin scripts, as look-alike names do (a"
                + " Cyrillic 'а' in a Latin name); write it in one script");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe", "jane.doe", "j_doe-99", "Иван", "иван_2000", "Ελένη", "山田太郎", "やまだ",
            "tanaka山田", "yamadaタロウ", "김민준", "minjun김", "محمد", "דוד", "José", "...", "a..b"})
    void singleScriptNamesAndTheEastAsianMixesAreAccepted(String raw) {
        assertThat(username(raw).kind()).isEqualTo(TargetKind.USERNAME);
    }

    @Test
    void theLengthIsCountedAfterNormalisation() {
        assertThat(username("a".repeat(64)).value()).hasSize(64);
        assertThat(refusal("a".repeat(65))).contains("longer than 64");
        // one ligature becomes three letters: "ﬃ" x 22 is 66 letters
        assertThat(refusal("ﬃ".repeat(22))).contains("longer than 64");
    }

    @Test
    void aUsernameRefusedForItsOwnRulesIsStillADomainOrEmailWhereThoseAreAccepted() {
        assertThat(TargetParser.parse("jane@example.com", EnumSet.of(TargetKind.EMAIL, TargetKind.USERNAME)).kind())
                .isEqualTo(TargetKind.EMAIL);
        assertThatThrownBy(() -> TargetParser.parse("..", EnumSet.of(TargetKind.USERNAME, TargetKind.EMAIL)))
                .isInstanceOf(InvalidTargetException.class);
    }
}
