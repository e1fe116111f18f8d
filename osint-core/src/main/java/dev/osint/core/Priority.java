package dev.osint.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Task priority within a queue: high tasks are taken before normal ones, normal before low. */
public enum Priority {
    HIGH, NORMAL, LOW;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Priority fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
