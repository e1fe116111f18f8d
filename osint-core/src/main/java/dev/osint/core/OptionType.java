package dev.osint.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/** The JSON type of a collector option's value; an option's value is checked against it before anything is queued. */
public enum OptionType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptionType fromWire(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /** True when {@code value}, as Jackson reads JSON, is of this type; an array's items are checked apart. */
    boolean holds(Object value) {
        return switch (this) {
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte || value instanceof BigInteger;
            case NUMBER -> value instanceof Number;
            case ARRAY -> value instanceof List;
            case STRING -> value instanceof String;
        };
    }

    /** The JSON type name of any value, for "expected integer, got string". */
    static String nameOf(Object value) {
        for (OptionType type : List.of(BOOLEAN, INTEGER, NUMBER, ARRAY, STRING)) {
            if (type.holds(value)) {
                return type.wireName();
            }
        }
        return value instanceof java.util.Map ? "object" : value == null ? "null" : "object";
    }
}
