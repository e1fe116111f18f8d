package dev.osint.history;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words of a scan, the same for ASCII (read without Unicode's tables) as for the rest of Unicode. */
class SearchTextTest {
    @Test
    void wordsAreRunsOfLettersAndDigitsLowerCased() {
        HistoryRecord scan = aScan("dns", "Mail-1.EXAMPLE.com").with(ip("192.0.2.1"))
                .data("note", "Été_ÀB x\t\u00B2 [ZZ]@9 \uD835\uDC00\uD835\uDC01").build();
        assertThat(SearchText.document(scan)).isEqualTo(
                "mail 1 example com dns été àb x zz 9 \uD835\uDC00\uD835\uDC01 192 0 2 1 a ");
    }

    @Test
    void theVectorListsEachWordOnceWithItsPositions() {
        assertThat(SearchText.postgresVector("mail example com example mail "))
                .isEqualTo("'mail':1,5 'example':2,4 'com':3");
    }
}
