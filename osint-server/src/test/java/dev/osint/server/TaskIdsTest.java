package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which path parameters can name a task: the ids this project and Celery hand out, and nothing else. */
class TaskIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"3f2c9a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f", "a", "a.b_c:d-e", "Z9", "-", ".."})
    void idsOfTheseCharactersHaveTheShape(String id) {
        assertThat(TaskIds.hasShape(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "a%2Fb", "é", "a\u0000", "ＡＢＣ", "a\nb", "١٢٣", "a+b"})
    void anythingElseHasNot(String id) {
        assertThat(TaskIds.hasShape(id)).isFalse();
    }

    @Test
    void anIdIsAtMost128CharactersLong() {
        assertThat(TaskIds.hasShape("x".repeat(128))).isTrue();
        assertThat(TaskIds.hasShape("x".repeat(129))).isFalse();
    }

    @Test
    void theCheckAgreesWithTheShapeWrittenAsARegex() {
        Pattern shape = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
        // every character from NUL to past Latin-1, alone and inside an id
        for (char c = 0; c < 0x3000; c++) {
            for (String id : new String[] {String.valueOf(c), "ab" + c + "cd"}) {
                assertThat(TaskIds.hasShape(id)).as("U+%04X in %s", (int) c, id).isEqualTo(shape.matcher(id).matches());
            }
        }
        // random strings, mostly of allowed characters, around the length limit
        Random random = new Random(13);
        String alphabet = "aZ09._:-/% é\0+";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(TaskIds.MAX_LENGTH + 3);
            for (int j = 0; j < length; j++) {
                id.append(random.nextInt(20) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : alphabet.charAt(random.nextInt(8)));
            }
            assertThat(TaskIds.hasShape(id.toString())).as(id.toString()).isEqualTo(shape.matcher(id).matches());
        }
    }
}
