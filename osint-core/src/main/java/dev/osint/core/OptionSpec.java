package dev.osint.core;

/**
 * One option a collector takes, its default and description side by side.
 *
 * @param type one of {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code array}
 */
public record OptionSpec(String name, String type, Object defaultValue, String description) {
    public static OptionSpec bool(String name, boolean defaultValue, String description) {
        return new OptionSpec(name, "boolean", defaultValue, description);
    }

    public static OptionSpec integer(String name, long defaultValue, String description) {
        return new OptionSpec(name, "integer", defaultValue, description);
    }

    public static OptionSpec string(String name, String defaultValue, String description) {
        return new OptionSpec(name, "string", defaultValue, description);
    }

    public static OptionSpec list(String name, String description) {
        return new OptionSpec(name, "array", java.util.List.of(), description);
    }
}
