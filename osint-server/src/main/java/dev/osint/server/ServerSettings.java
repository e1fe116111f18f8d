package dev.osint.server;

import dev.osint.core.Settings;

/**
 * Where the API listens and how large a request body may be.
 *
 * @param port         0 picks a free port (tests)
 * @param maxBodyBytes a larger request body is answered with 413
 */
public record ServerSettings(String host, int port, int maxBodyBytes) {
    public static final int DEFAULT_PORT = 8000;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("OSINT_PORT must be in 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("OSINT_MAX_BODY_BYTES must be at least 1024, got " + maxBodyBytes);
        }
    }

    /** {@code OSINT_HOST} (127.0.0.1), {@code OSINT_PORT} (8000), {@code OSINT_MAX_BODY_BYTES} (65536). */
    public static ServerSettings from(Settings settings) {
        return new ServerSettings(settings.get("OSINT_HOST", "127.0.0.1"),
                settings.integer("OSINT_PORT", DEFAULT_PORT),
                settings.integer("OSINT_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES));
    }

    /** Loopback on a free port, as tests want it. */
    public static ServerSettings loopbackAnyPort() {
        return new ServerSettings("127.0.0.1", 0, DEFAULT_MAX_BODY_BYTES);
    }
}
