package dev.osint.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scan's options checked against its collector's {@link OptionSpec}s, defaults filled in: every value has its
 * declared type and keeps its rules, so collectors read them without checking again.
 */
public final class Options {
    private final Map<String, Object> values;

    private Options(Map<String, Object> values) {
        this.values = values;
    }

    public static Options empty() {
        return new Options(Map.of());
    }

    /** Who sets a scan's options: a caller of the API may set only caller-settable options; the operator, all. */
    public enum Requester { CALLER, OPERATOR }

    /** As the operator would, with no settings: operator-only options pass, choices read from settings see none. */
    public static Options validate(List<OptionSpec> specs, Map<String, Object> given) {
        return validate(specs, given, new Settings(Map.of()), Requester.OPERATOR);
    }

    /**
     * Validates {@code given} against {@code specs}: unknown names, wrong types, values out of range, values not
     * among the allowed ones and operator-only options set by a caller are all listed in the exception.
     *
     * @param settings read for the choices that come from the operator's configuration (e.g. wordlists)
     */
    public static Options validate(List<OptionSpec> specs, Map<String, Object> given, Settings settings,
                                   Requester requester) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> input = given == null ? Map.of() : given;
        for (String name : input.keySet()) {
            if (!declares(specs, name)) {
                problems.add(new Problem(name, Rule.UNKNOWN_OPTION, "unknown option; this collector takes "
                        + (specs.isEmpty() ? "no options" : specs.stream().map(OptionSpec::name).toList())));
            }
        }
        for (OptionSpec spec : specs) {
            Object value = input.get(spec.name());
            if (value == null) {
                values.put(spec.name(), spec.defaultValue());
                continue;
            }
            int before = problems.size();
            if (!spec.callerSettable() && requester == Requester.CALLER) {
                problems.add(new Problem(spec.name(), Rule.OPERATOR_ONLY, "is set by the operator only; leave it"
                        + " out of the request (default " + spec.defaultValue() + ")"));
                continue;
            }
            Object checked = check(spec, value, settings, problems);
            if (problems.size() == before) {
                values.put(spec.name(), checked);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(problems);
        }
        // the task keeps this map as long as the broker keeps the task: compact, and nothing for no options
        return new Options(CompactMap.copyOf(values));
    }

    private static boolean declares(List<OptionSpec> specs, String name) {
        for (OptionSpec spec : specs) {
            if (spec.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value in its declared type, or null after adding what is wrong with it to {@code problems}. */
    private static Object check(OptionSpec spec, Object value, Settings settings, List<Problem> problems) {
        if (!spec.type().holds(value)) {
            problems.add(new Problem(spec.name(), Rule.WRONG_TYPE, "expected " + spec.type().wireName() + ", got "
                    + OptionType.nameOf(value)));
            return null;
        }
        return switch (spec.type()) {
            case INTEGER, NUMBER -> number(spec, (Number) value, problems);
            case STRING -> string(spec, (String) value, "", settings, problems);
            case ARRAY -> array(spec, (List<?>) value, settings, problems);
            case BOOLEAN -> value;
        };
    }

    private static Object number(OptionSpec spec, Number value, List<Problem> problems) {
        if (OptionSpec.exact(value) == null) {
            problems.add(new Problem(spec.name(), Rule.WRONG_TYPE, "expected a finite number"));
            return null;
        }
        if (!OptionSpec.inRange(value, spec.min(), spec.max())
                || value instanceof BigInteger big && big.bitLength() > 63) {
            problems.add(new Problem(spec.name(), Rule.OUT_OF_RANGE, rangeText(spec) + ", got "
                    + shown(value)));
            return null;
        }
        // in range, so a huge integer fits a long now; collectors read long and double
        return value instanceof BigInteger big ? (Object) big.longValueExact() : value;
    }

    private static String rangeText(OptionSpec spec) {
        if (spec.min() == null && spec.max() == null) {
            return "must fit in a 64-bit integer";
        }
        if (spec.min() != null && spec.max() != null) {
            return "must be from " + spec.min() + " to " + spec.max();
        }
        return spec.min() != null ? "must be at least " + spec.min() : "must be at most " + spec.max();
    }

    private static String string(OptionSpec spec, String value, String item, Settings settings,
                                 List<Problem> problems) {
        for (int i = 0; i < value.length(); i++) {
            int kind = Character.getType(value.charAt(i));
            if (kind == Character.CONTROL || kind == Character.FORMAT) {
                problems.add(new Problem(spec.name(), Rule.NOT_ALLOWED, item + "must not contain control characters"
                        + String.format(" (U+%04X at position %d)", (int) value.charAt(i), i)));
                return null;
            }
        }
        if (spec.maxLength() != null && value.length() > spec.maxLength()) {
            problems.add(new Problem(spec.name(), Rule.OUT_OF_RANGE, item + "must be at most " + spec.maxLength()
                    + " characters long, got " + value.length()));
            return null;
        }
        // the default is what a scan that leaves the option out runs with, unchecked; so is it when given: a worker
        // checks every stored option again, and the choices may list a directory (the wordlists) for each scan
        if (spec.choices() != null && !value.equals(spec.defaultValue())) {
            List<String> allowed = spec.allowedValues(settings);
            if (!allowed.contains(value)) {
                // the value is not echoed: what a caller named outside the allowed set is not described
                problems.add(new Problem(spec.name(), Rule.NOT_ALLOWED, item + "must be one of " + allowed));
                return null;
            }
        }
        return value;
    }

    private static Object array(OptionSpec spec, List<?> value, Settings settings, List<Problem> problems) {
        if (spec.maxItems() != null && value.size() > spec.maxItems()) {
            problems.add(new Problem(spec.name(), Rule.OUT_OF_RANGE, "must hold at most " + spec.maxItems()
                    + " items, got " + value.size()));
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            Object item = value.get(i);
            if (!(item instanceof String text)) {
                problems.add(new Problem(spec.name(), Rule.WRONG_TYPE, "item " + i + ": expected string, got "
                        + OptionType.nameOf(item)));
                return null;
            }
            if (string(spec, text, "item " + i + ": ", settings, problems) == null) {
                return null;
            }
            items.add(text);
        }
        return List.copyOf(items);
    }

    private static String shown(Number value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public long integer(String name) {
        Object value = values.get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    public double number(String name) {
        Object value = values.get(name);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    public String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    public List<String> list(String name) {
        Object value = values.get(name);
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** Which rule an option's value broke, as API clients read it in a 422's {@code errors[].rule}. */
    public enum Rule {
        UNKNOWN_OPTION, WRONG_TYPE, OUT_OF_RANGE, NOT_ALLOWED, OPERATOR_ONLY;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One option's problem: its name (as the client sent it), the rule and what a person needs to fix it. */
    public record Problem(String option, Rule rule, String message) {
        /** {@code options.NAME: message}, the form error texts and logs use. */
        @Override
        public String toString() {
            return "options." + option + ": " + message;
        }
    }

    /** Thrown by {@link #validate}; lists every bad option. */
    public static final class InvalidOptionsException extends IllegalArgumentException {
        private final List<Problem> details;

        public InvalidOptionsException(List<Problem> details) {
            super(String.join("; ", details.stream().map(Problem::toString).toList()));
            this.details = List.copyOf(details);
        }

        /** Each problem as {@code options.NAME: problem}. */
        public List<String> problems() {
            return details.stream().map(Problem::toString).toList();
        }

        public List<Problem> details() {
            return details;
        }
    }
}
