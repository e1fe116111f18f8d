package dev.osint.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration from environment variables ({@code OSINT_…}, {@code REDIS_URL}); tests pass their own map.
 * A malformed value fails with a message that names the variable.
 */
public final class Settings {
    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** These settings with some values replaced (the CLI's flags, a test's fixtures). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    public boolean bool(String name, boolean defaultValue) {
        return get(name).map(v -> switch (v.toLowerCase()) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    /** A duration given in seconds, fractions allowed ({@code 0.5}). */
    public Duration seconds(String name, double defaultSeconds) {
        double seconds = get(name).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number of seconds, got '" + v + "'");
            }
        }).orElse(defaultSeconds);
        if (seconds < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }

    /** {@code NAME}, else the contents of the file named by {@code NAME_FILE}; never logged. */
    public Optional<Secret> secret(String name) {
        Optional<String> direct = get(name);
        if (direct.isPresent()) {
            return direct.map(Secret::new);
        }
        return get(name + "_FILE").map(file -> {
            try {
                String content = Files.readString(Path.of(file)).strip();
                if (content.isEmpty()) {
                    throw new IllegalArgumentException(name + "_FILE names an empty file: " + file);
                }
                return new Secret(content);
            } catch (IOException e) {
                throw new IllegalArgumentException(name + "_FILE names a file that cannot be read: " + file);
            }
        });
    }

    /** True when {@link #secret} would give a value: set directly, or in a file that can be read. */
    public boolean hasSecret(String name) {
        try {
            return secret(name).isPresent();
        } catch (IllegalArgumentException e) {
            return false; // an unreadable _FILE: the collector's own error says why when it runs
        }
    }

    /** {@code host:port,…} ({@code [v6]:port} too); the port defaults to {@code defaultPort}. */
    public List<InetSocketAddress> hostPorts(String name, int defaultPort) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String item : get(name, "").split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            result.add(hostPort(name, entry, defaultPort));
        }
        return result;
    }

    static InetSocketAddress hostPort(String name, String entry, int defaultPort) {
        String host = entry;
        int port = defaultPort;
        int colon = entry.lastIndexOf(':');
        boolean bracketed = entry.startsWith("[");
        if (bracketed ? entry.contains("]:") : colon > 0 && entry.indexOf(':') == colon) {
            host = entry.substring(0, colon);
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + entry + "' has a port that is not a number");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": port " + port + " in '" + entry + "' is out of range");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
