package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osint.core.Options.Requester;
import dev.osint.core.Options.Rule;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule an option's value must keep, each refused with the option's name, the rule and a reason. */
class OptionsTest {
    private static final Settings NO_SETTINGS = new Settings(Map.of());
    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.bool("deep", false, "go deep"),
            OptionSpec.integer("pages", 1, "pages to read").range(1, 10),
            OptionSpec.number("confidence", 0.2, "threshold").range(0.0, 1.0),
            OptionSpec.string("mode", "fast", "how").oneOf("fast", "slow"),
            OptionSpec.string("label", "", "a label").maxLength(8),
            OptionSpec.list("sites", "which sites").maxItems(3).maxLength(5),
            OptionSpec.list("platforms", "which platforms").oneOf(settings -> List.of("github",
                    settings.get("EXTRA_PLATFORM", "gitlab"))).maxItems(2),
            OptionSpec.integer("rate", 50, "queries a second").range(1, 100).operatorOnly());

    private static Options.Problem refused(Map<String, Object> given) {
        return refusedAs(given, Requester.CALLER);
    }

    private static Options.Problem refusedAs(Map<String, Object> given, Requester requester) {
        Options.InvalidOptionsException e = catchThrowableOfType(Options.InvalidOptionsException.class,
                () -> Options.validate(SPECS, given, NO_SETTINGS, requester));
        assertThat(e).as("refused: " + given).isNotNull();
        assertThat(e.details()).hasSize(1);
        return e.details().getFirst();
    }

    private static Options valid(Map<String, Object> given) {
        return Options.validate(SPECS, given, NO_SETTINGS, Requester.CALLER);
    }

    @Test
    void defaultsAreFilledInAndValuesComeBackTyped() {
        Options options = valid(Map.of("pages", 3, "confidence", 1, "sites", List.of("a", "b")));

        assertThat(options.integer("pages")).isEqualTo(3);
        assertThat(options.number("confidence")).isEqualTo(1.0);
        assertThat(options.list("sites")).containsExactly("a", "b");
        assertThat(options.bool("deep")).isFalse();
        assertThat(options.string("mode")).isEqualTo("fast");
        assertThat(options.integer("rate")).isEqualTo(50);
    }

    @Test
    void anUnknownOptionIsNamedWithTheOnesThatExist() {
        Options.Problem problem = refused(Map.of("colour", "red"));

        assertThat(problem.option()).isEqualTo("colour");
        assertThat(problem.rule()).isEqualTo(Rule.UNKNOWN_OPTION);
        assertThat(problem.message()).startsWith("unknown option; this collector takes [deep, pages,");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertThat(refused(Map.of("pages", "3"))).isEqualTo(new Options.Problem("pages", Rule.WRONG_TYPE,
                "expected integer, got string"));
        assertThat(refused(Map.of("pages", 2.5)).message()).isEqualTo("expected integer, got number");
        assertThat(refused(Map.of("deep", "yes")).message()).isEqualTo("expected boolean, got string");
        assertThat(refused(Map.of("sites", "a")).message()).isEqualTo("expected array, got string");
        assertThat(refused(Map.of("label", Map.of())).message()).isEqualTo("expected string, got object");
        assertThat(refused(Map.of("sites", List.of("a", 1))).message()).isEqualTo("item 1: expected string, got integer");
        assertThat(refused(Map.of("confidence", Double.POSITIVE_INFINITY)).rule()).isEqualTo(Rule.WRONG_TYPE);
    }

    @Test
    void aNumberOutsideItsRangeIsRefusedWithTheRange() {
        assertThat(refused(Map.of("pages", 0))).isEqualTo(new Options.Problem("pages", Rule.OUT_OF_RANGE,
                "must be from 1 to 10, got 0"));
        assertThat(refused(Map.of("pages", 11)).message()).isEqualTo("must be from 1 to 10, got 11");
        assertThat(refused(Map.of("pages", new BigInteger("9".repeat(30)))).rule()).isEqualTo(Rule.OUT_OF_RANGE);
        assertThat(refused(Map.of("confidence", 1.5)).message()).isEqualTo("must be from 0.0 to 1.0, got 1.5");
        assertThat(refused(Map.of("confidence", -0.01)).rule()).isEqualTo(Rule.OUT_OF_RANGE);
        assertThat(valid(Map.of("pages", 10, "confidence", 0)).integer("pages")).isEqualTo(10);
    }

    @Test
    void aStringOrAnArrayLongerThanAllowedIsRefused() {
        assertThat(refused(Map.of("label", "123456789"))).isEqualTo(new Options.Problem("label", Rule.OUT_OF_RANGE,
                "must be at most 8 characters long, got 9"));
        assertThat(refused(Map.of("sites", List.of("a", "b", "c", "d"))).message())
                .isEqualTo("must hold at most 3 items, got 4");
        assertThat(refused(Map.of("sites", List.of("a", "toolong"))).message())
                .isEqualTo("item 1: must be at most 5 characters long, got 7");
    }

    @Test
    void aValueNotAmongTheAllowedOnesIsRefusedWithoutBeingEchoed() {
        Options.Problem problem = refused(Map.of("mode", "/etc/passwd"));

        assertThat(problem).isEqualTo(new Options.Problem("mode", Rule.NOT_ALLOWED, "must be one of [fast, slow]"));
        assertThat(refused(Map.of("platforms", List.of("github", "myspace"))).message())
                .isEqualTo("item 1: must be one of [github, gitlab]");
    }

    @Test
    void allowedValuesCanComeFromTheSettings() {
        Settings settings = new Settings(Map.of("EXTRA_PLATFORM", "codeberg"));

        assertThat(Options.validate(SPECS, Map.of("platforms", List.of("codeberg")), settings, Requester.CALLER)
                .list("platforms")).containsExactly("codeberg");
        assertThat(refused(Map.of("platforms", List.of("codeberg"))).rule()).isEqualTo(Rule.NOT_ALLOWED);
    }

    @Test
    void controlCharactersInAStringAreRefused() {
        Options.Problem problem = refused(Map.of("label", "a\r\nb"));

        assertThat(problem.rule()).isEqualTo(Rule.NOT_ALLOWED);
        assertThat(problem.message()).isEqualTo("must not contain control characters (U+000D at position 1)");
        assertThat(refused(Map.of("sites", List.of("a\u202eb"))).message()).startsWith("item 0: must not contain");
    }

    @Test
    void anOperatorOnlyOptionIsRefusedFromACallerAndTakenFromTheOperator() {
        assertThat(refused(Map.of("rate", 10))).isEqualTo(new Options.Problem("rate", Rule.OPERATOR_ONLY,
                "is set by the operator only; leave it out of the request (default 50)"));
        assertThat(Options.validate(SPECS, Map.of("rate", 10), NO_SETTINGS, Requester.OPERATOR).integer("rate"))
                .isEqualTo(10);
        // the operator keeps to the bounds too
        assertThat(refusedAs(Map.of("rate", 1000), Requester.OPERATOR).rule()).isEqualTo(Rule.OUT_OF_RANGE);
    }

    @Test
    void everyProblemIsListedInOneException() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("colour", "red");
        given.put("pages", 99);
        given.put("mode", "warp");
        Options.InvalidOptionsException e = catchThrowableOfType(Options.InvalidOptionsException.class,
                () -> valid(given));

        assertThat(e.details()).extracting(Options.Problem::rule)
                .containsExactly(Rule.UNKNOWN_OPTION, Rule.OUT_OF_RANGE, Rule.NOT_ALLOWED);
        assertThat(e.problems()).first().asString().startsWith("options.colour: unknown option");
    }

    @Test
    void aNullValueTakesTheDefault() {
        Map<String, Object> given = new HashMap<>();
        given.put("pages", null);

        assertThat(valid(given).integer("pages")).isEqualTo(1);
    }

    @Test
    void aSpecWhoseDefaultBreaksItsOwnRangeCannotBeBuilt() {
        assertThatThrownBy(() -> OptionSpec.integer("pages", 0, "x").range(1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of its range");
        assertThatThrownBy(() -> OptionSpec.string("mode", "x", "x").range(1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only numbers have a range");
    }

    @Test
    void commandLineTextIsConvertedToTheDeclaredType() {
        assertThat(SPECS.get(0).parse("true")).isEqualTo(true);
        assertThat(SPECS.get(1).parse("7")).isEqualTo(7L);
        assertThat(SPECS.get(2).parse("0.5")).isEqualTo(0.5);
        assertThat(SPECS.get(3).parse("5")).isEqualTo("5");
        assertThat(SPECS.get(5).parse("a, b")).isEqualTo(List.of("a", "b"));
        assertThat(SPECS.get(5).parse("[\"a\",\"b\"]")).isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> SPECS.get(1).parse("seven")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("options.pages: expected a whole number, got 'seven'");
        assertThatThrownBy(() -> SPECS.get(0).parse("maybe")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> SPECS.get(2).parse("NaN")).hasMessageContaining("finite number");
    }

    @Test
    void theCheckedValuesComeInTheSpecsOrderAndCannotChange() {
        Map<String, Object> values = Options.validate(SPECS, Map.of("mode", "slow", "deep", true)).asMap();

        assertThat(values).containsEntry("deep", true).containsEntry("mode", "slow");
        assertThat(List.copyOf(values.keySet()))
                .isEqualTo(SPECS.stream().map(OptionSpec::name).filter(values::containsKey).toList());
        assertThatThrownBy(() -> values.put("pages", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Options.validate(List.of(), Map.of()).asMap()).isSameAs(Map.of());
    }

    @Test
    void aChoiceGivenAsItsDefaultIsTakenWithoutListingTheChoices() {
        java.util.concurrent.atomic.AtomicInteger listed = new java.util.concurrent.atomic.AtomicInteger();
        List<OptionSpec> specs = List.of(OptionSpec.string("wordlist", "bundled", "which list")
                .oneOf(settings -> {
                    listed.incrementAndGet();
                    return List.of("bundled", "operators");
                }));

        assertThat(Options.validate(specs, Map.of("wordlist", "bundled")).string("wordlist")).isEqualTo("bundled");
        assertThat(listed).as("the default needs no listing").hasValue(0);
        assertThat(Options.validate(specs, Map.of("wordlist", "operators")).string("wordlist"))
                .isEqualTo("operators");
        assertThat(listed).hasValue(1);
        assertThatThrownBy(() -> Options.validate(specs, Map.of("wordlist", "other")))
                .isInstanceOf(Options.InvalidOptionsException.class);
    }
}
