package dev.osint.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scan's options checked against its collector's {@link OptionSpec}s, defaults filled in. */
public final class Options {
    private final Map<String, Object> values;

    private Options(Map<String, Object> values) {
        this.values = values;
    }

    public static Options empty() {
        return new Options(Map.of());
    }

    /**
     * Validates {@code given} against {@code specs}: unknown names and wrong types are listed, each as
     * {@code options.NAME: problem}, in the exception.
     */
    public static Options validate(List<OptionSpec> specs, Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Object> input = given == null ? Map.of() : given;
        for (String name : input.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                problems.add("options." + name + ": unknown option; this collector takes "
                        + (specs.isEmpty() ? "no options" : specs.stream().map(OptionSpec::name).toList()));
            }
        }
        for (OptionSpec spec : specs) {
            Object value = input.get(spec.name());
            if (value == null) {
                values.put(spec.name(), spec.defaultValue());
            } else if (!hasType(value, spec.type())) {
                problems.add("options." + spec.name() + ": expected " + spec.type() + ", got "
                        + typeName(value));
            } else {
                values.put(spec.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(problems);
        }
        return new Options(values);
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> value instanceof String;
        };
    }

    private static String typeName(Object value) {
        if (value instanceof Boolean) return "boolean";
        if (value instanceof Integer || value instanceof Long) return "integer";
        if (value instanceof Number) return "number";
        if (value instanceof List) return "array";
        if (value instanceof Map) return "object";
        return "string";
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

    public String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object value = values.get(name);
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** Thrown by {@link #validate}; lists every bad field. */
    public static final class InvalidOptionsException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidOptionsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
