package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written check of a task id's shape says what the pattern says, on every kind of character and length. */
class TaskIdsTest {
    @Test
    void theLoopAgreesWithThePatternOnChosenAndRandomIds() {
        List<String> ids = new ArrayList<>(List.of("", "a", "3f2c9a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f", "a.b_c:d-e",
                "x".repeat(128), "x".repeat(129), "a b", "a/b", "a%2Fb", "é", "a\u0000", "ＡＢＣ", "a\nb", "١٢٣",
                "Z9", "-", ".."));
        Random random = new Random(7);
        String alphabet = "aZ09._:-/ %é\u00A0\u0660+~";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(132);
            for (int j = 0; j < length; j++) {
                id.append(random.nextInt(10) < 9 ? (char) ('a' + random.nextInt(26))
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ids.add(id.toString());
        }
        for (String id : ids) {
            assertThat(TaskIds.hasShape(id)).as("'%s'", id).isEqualTo(TaskIds.SHAPE.matcher(id).matches());
        }
    }
}
