package dev.osint.core;

/** A key or password; it never prints its value, so it cannot leak into a log line or an answer by accident. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        this.value = value.strip();
    }

    /** The value, for the one place that sends it upstream. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
