package dev.osint.collectors.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probes' names are fresh random labels no zone holds. */
class WildcardProbeTest {
    @Test
    void aLabelIsTwentyRandomLettersAndDigitsAfterAPrefix() {
        Set<String> labels = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String label = WildcardProbe.randomLabel();
            assertThat(label).matches("osint-[a-z0-9]{20}");
            labels.add(label);
            label.substring(6).chars().forEach(c -> used.add((char) c));
        }

        assertThat(labels).as("never the same name twice").hasSize(2000);
        assertThat(used).as("every letter and digit comes up").hasSize(36);
    }
}
