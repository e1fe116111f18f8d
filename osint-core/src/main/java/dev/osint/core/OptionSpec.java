package dev.osint.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One option a collector takes: its type, default and description side by side, and the rules its value must keep.
 * {@link Options#validate} checks every rule before anything is queued, so a collector reads typed values that
 * are already in range. Built as {@code OptionSpec.integer("depth", 1, "…").range(0, 3)}.
 *
 * @param min            smallest value of an integer or number option; null: none
 * @param max            largest value of an integer or number option; null: none
 * @param maxLength      longest string, or longest item of an array, in characters; null: none
 * @param maxItems       most items of an array; null: none
 * @param choices        the values a string (or each item of an array) may take; null: any
 * @param callerSettable false for an operator-only option: an API request (or a child scan) may not set it, the
 *                       operator may ({@code osint scan} run in-process)
 */
public record OptionSpec(String name, OptionType type, Object defaultValue, String description, Number min,
                         Number max, Integer maxLength, Integer maxItems, @JsonIgnore Choices choices,
                         boolean callerSettable) {
    public OptionSpec {
        if (name == null || name.isBlank() || type == null) {
            throw new IllegalArgumentException("an option needs a name and a type");
        }
        if ((min != null || max != null) && type != OptionType.INTEGER && type != OptionType.NUMBER) {
            throw new IllegalArgumentException("option " + name + ": only numbers have a range");
        }
        if (defaultValue != null && !type.holds(defaultValue)) {
            throw new IllegalArgumentException("option " + name + ": the default is not a " + type.wireName());
        }
        if (defaultValue instanceof Number n && !inRange(n, min, max)) {
            throw new IllegalArgumentException("option " + name + ": the default " + n + " is out of its range");
        }
    }

    /** As the options of earlier versions were declared: a type by name, no bounds, settable by callers. */
    public OptionSpec(String name, String type, Object defaultValue, String description) {
        this(name, OptionType.fromWire(type), defaultValue, description, null, null, null, null, null, true);
    }

    public static OptionSpec bool(String name, boolean defaultValue, String description) {
        return new OptionSpec(name, OptionType.BOOLEAN, defaultValue, description, null, null, null, null, null, true);
    }

    public static OptionSpec integer(String name, long defaultValue, String description) {
        return new OptionSpec(name, OptionType.INTEGER, defaultValue, description, null, null, null, null, null, true);
    }

    public static OptionSpec number(String name, double defaultValue, String description) {
        return new OptionSpec(name, OptionType.NUMBER, defaultValue, description, null, null, null, null, null, true);
    }

    public static OptionSpec string(String name, String defaultValue, String description) {
        return new OptionSpec(name, OptionType.STRING, defaultValue, description, null, null, null, null, null, true);
    }

    /** A list of strings, empty by default. */
    public static OptionSpec list(String name, String description) {
        return new OptionSpec(name, OptionType.ARRAY, List.of(), description, null, null, null, null, null, true);
    }

    /** A copy whose value must lie in [{@code min}, {@code max}] (integers). */
    public OptionSpec range(long min, long max) {
        return new OptionSpec(name, type, defaultValue, description, min, max, maxLength, maxItems, choices,
                callerSettable);
    }

    /** A copy whose value must lie in [{@code min}, {@code max}]. */
    public OptionSpec range(double min, double max) {
        return new OptionSpec(name, type, defaultValue, description, min, max, maxLength, maxItems, choices,
                callerSettable);
    }

    /** A copy whose string (or each array item) is at most {@code characters} long. */
    public OptionSpec maxLength(int characters) {
        return new OptionSpec(name, type, defaultValue, description, min, max, characters, maxItems, choices,
                callerSettable);
    }

    /** A copy whose array holds at most {@code count} items. */
    public OptionSpec maxItems(int count) {
        return new OptionSpec(name, type, defaultValue, description, min, max, maxLength, count, choices,
                callerSettable);
    }

    /** A copy whose string (or each array item) must be one of {@code values}. */
    public OptionSpec oneOf(String... values) {
        return oneOf(Choices.of(values));
    }

    /** A copy whose string (or each array item) must be one of the values {@code values} gives. */
    public OptionSpec oneOf(Choices values) {
        return new OptionSpec(name, type, defaultValue, description, min, max, maxLength, maxItems, values,
                callerSettable);
    }

    /** A copy that only the operator may set; a request that sets it is refused. */
    public OptionSpec operatorOnly() {
        return new OptionSpec(name, type, defaultValue, description, min, max, maxLength, maxItems, choices, false);
    }

    /** True when the spec says how large its value may be: a range, a length, allowed values, or it is a boolean. */
    @JsonIgnore
    public boolean isBounded() {
        return switch (type) {
            case BOOLEAN -> true;
            case INTEGER, NUMBER -> min != null && max != null;
            case STRING -> maxLength != null || choices != null;
            case ARRAY -> maxItems != null && (maxLength != null || choices != null);
        };
    }

    /** The values allowed with these settings, or an empty list when any value of the type is. */
    public List<String> allowedValues(Settings settings) {
        return choices == null ? List.of() : List.copyOf(choices.values(settings));
    }

    /**
     * Converts {@code text} (from a command line, {@code -o NAME=VALUE}) to this option's type; the rules are then
     * checked by {@link Options#validate}. An array is a JSON array or a comma-separated list.
     *
     * @throws IllegalArgumentException naming the option when the text is not of the type
     */
    public Object parse(String text) {
        String value = text.strip();
        return switch (type) {
            case STRING -> text;
            case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw notA("true or false", value);
            };
            case INTEGER -> {
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw notA("whole number", value);
                }
            }
            case NUMBER -> {
                try {
                    double number = Double.parseDouble(value);
                    if (!Double.isFinite(number)) {
                        throw notA("finite number", value);
                    }
                    yield number;
                } catch (NumberFormatException e) {
                    throw notA("number", value);
                }
            }
            case ARRAY -> value.startsWith("[") ? jsonArray(value) : commaSeparated(value);
        };
    }

    private List<Object> jsonArray(String value) {
        try {
            return Json.mapper().readValue(value, new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() {});
        } catch (Exception e) {
            throw notA("JSON array or a comma-separated list", value);
        }
    }

    private static List<Object> commaSeparated(String value) {
        List<Object> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private IllegalArgumentException notA(String what, String value) {
        String shown = value.length() <= 40 ? value : value.substring(0, 37) + "...";
        return new IllegalArgumentException("options." + name + ": expected a " + what + ", got '" + shown + "'");
    }

    static boolean inRange(Number value, Number min, Number max) {
        // Every collector's defaults are checked as its class loads, on a server's way to its first answer, and
        // BigDecimal's class initialisation (JDK 25: large powers of five, squared in the interpreter) took ~50
        // ms there: whole numbers compare as longs and binary fractions as doubles, both exact; mixes as decimals.
        if (isWhole(value) && (min == null || isWhole(min)) && (max == null || isWhole(max))) {
            long whole = value.longValue();
            return (min == null || whole >= min.longValue()) && (max == null || whole <= max.longValue());
        }
        if (isBinaryFraction(value) && (min == null || isBinaryFraction(min))
                && (max == null || isBinaryFraction(max))) {
            double fraction = value.doubleValue();
            return Double.isFinite(fraction) && (min == null || fraction >= min.doubleValue())
                    && (max == null || fraction <= max.doubleValue());
        }
        BigDecimal exact = exact(value);
        return exact != null && (min == null || exact.compareTo(exact(min)) >= 0)
                && (max == null || exact.compareTo(exact(max)) <= 0);
    }

    private static boolean isWhole(Number value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static boolean isBinaryFraction(Number value) {
        return value instanceof Double || value instanceof Float;
    }

    /** The exact value of any Java number; null for NaN and the infinities. */
    static BigDecimal exact(Number value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return new BigDecimal(value.toString());
    }

    /** The values an option may take: fixed in code, or read from the settings (a directory the operator fills). */
    @FunctionalInterface
    public interface Choices {
        List<String> values(Settings settings);

        static Choices of(String... values) {
            List<String> fixed = List.of(values);
            return settings -> fixed;
        }
    }
}
