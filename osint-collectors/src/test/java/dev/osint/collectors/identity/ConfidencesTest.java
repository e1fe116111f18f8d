package dev.osint.collectors.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How confidence flows from the target along the strongest chain of evidence. */
class ConfidencesTest {
    private static IdentityGraph.Edge edge(String from, String to, Rule rule) {
        return new IdentityGraph.Edge(from, to, rule, rule.confidence(), "test");
    }

    private static Map<String, Double> from(IdentityGraph.Edge... edges) {
        return Confidences.from(new IdentityGraph(List.of(), List.of(edges)), "t");
    }

    @Test
    void aChainMultipliesItsLinks() {
        Map<String, Double> confidence = from(edge("t", "a", Rule.EMAIL_LOCAL_PART),
                edge("a", "b", Rule.SAME_USERNAME));

        assertThat(confidence.get("t")).isEqualTo(1.0);
        assertThat(confidence.get("b")).isCloseTo(0.6 * 0.5, within(1e-9));
    }

    @Test
    void twoRulesLinkingOnePairCombineAsIndependentEvidence() {
        Map<String, Double> confidence = from(edge("t", "a", Rule.DECLARED_LINK),
                edge("a", "t", Rule.SAME_DISPLAY_NAME));

        assertThat(confidence.get("a")).isCloseTo(1 - 0.2 * 0.6, within(1e-9));
    }

    @Test
    void theStrongestChainWinsAndChainsAreNotAdded() {
        Map<String, Double> confidence = from(edge("t", "a", Rule.NAME_VARIANT), edge("t", "b", Rule.FOUND_BY_EMAIL),
                edge("b", "a", Rule.CROSS_LINK), edge("a", "b", Rule.SAME_DISPLAY_NAME));

        double viaB = 0.95 * (1 - 0.05 * 0.6);
        assertThat(confidence.get("a")).isCloseTo(viaB, within(1e-9));
    }

    @Test
    void whatNoEvidenceReachesHasNoConfidence() {
        assertThat(from(edge("x", "y", Rule.CROSS_LINK))).containsOnlyKeys("t");
    }
}
