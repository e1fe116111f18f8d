package dev.osint.collectors.username;

import java.util.Locale;

/** How far a catalogue entry's detection is trusted; becomes the confidence of the accounts it finds. */
enum Confidence {
    HIGH(0.9), MEDIUM(0.7), LOW(0.5);

    private final double value;

    Confidence(double value) {
        this.value = value;
    }

    double value() {
        return value;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level whose value is {@code value}. */
    static Confidence of(double value) {
        for (Confidence level : values()) {
            if (level.value == value) {
                return level;
            }
        }
        throw new IllegalArgumentException("no confidence level of " + value);
    }

    static Confidence parse(String text) {
        if (text == null) {
            return HIGH;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("confidence '" + text + "' is not high, medium or low");
        }
    }
}
