package dev.osint.core;

import static dev.osint.core.testing.Fuzz.PARSER_TRY;
import static dev.osint.core.testing.Fuzz.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.testing.Fuzz;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Target parsing, fuzzed: any text and any set of accepted kinds give a target of an accepted kind, or an
 * {@link InvalidTargetException} that says why; never another exception, never a hang. A target parses again to
 * itself.
 */
class TargetParserFuzzTest {

    @Provide
    Arbitrary<String> texts() {
        return Fuzz.text();
    }

    @Provide
    Arbitrary<Set<TargetKind>> kinds() {
        return Arbitraries.subsetOf(TargetKind.values()).ofMinSize(1);
    }

    @Property
    void anyTextIsATargetOfAnAcceptedKindOrSaysWhyNot(@ForAll("texts") String raw,
                                                      @ForAll("kinds") Set<TargetKind> accepted) {
        within(PARSER_TRY, () -> {
            try {
                Target target = TargetParser.parse(raw, accepted);
                assertThat(accepted).contains(target.kind());
                assertThat(target.value()).isNotBlank().hasSizeLessThanOrEqualTo(TargetParser.MAX_LENGTH);
                assertThat(TargetParser.parseAs(target.value(), target.kind())).isEqualTo(target);
            } catch (InvalidTargetException e) {
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
                assertThat(e.accepted()).isEqualTo(accepted);
            }
            return null;
        });
    }

    @Property
    void theKindsOfAnyTextAreKnownWithoutAnError(@ForAll("texts") String raw) {
        within(PARSER_TRY, () -> {
            for (TargetKind kind : TargetParser.kindsOf(raw)) {
                assertThat(TargetParser.parseAs(raw, kind).kind()).isEqualTo(kind);
            }
            return null;
        });
    }
}
