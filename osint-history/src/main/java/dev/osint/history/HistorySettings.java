package dev.osint.history;

import dev.osint.core.Secret;
import dev.osint.core.Settings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the history goes and how long it stays.
 *
 * @param jdbcUrl   the database, without user or password
 * @param location  where the data lives, for messages and health (never a password)
 * @param retention scans older than this are purged daily; {@link Duration#ZERO} keeps them for ever
 */
public record HistorySettings(boolean enabled, Dialect dialect, String jdbcUrl, String user, Secret password,
                              String location, Path dataDir, Duration retention) {
    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final String SQLITE_FILE = "history.db";

    /**
     * {@code OSINT_HISTORY} (on), {@code OSINT_DATABASE_URL} (unset: SQLite under {@code OSINT_DATA_DIR}),
     * {@code OSINT_DATABASE_PASSWORD[_FILE]}, {@code OSINT_HISTORY_RETENTION_DAYS} (90).
     */
    public static HistorySettings from(Settings settings) {
        boolean enabled = settings.bool("OSINT_HISTORY", true);
        int days = settings.integer("OSINT_HISTORY_RETENTION_DAYS", DEFAULT_RETENTION_DAYS);
        if (days < 0) {
            throw new IllegalArgumentException("OSINT_HISTORY_RETENTION_DAYS must be 0 (keep for ever) or more, got "
                    + days);
        }
        Duration retention = Duration.ofDays(days);
        Path dataDir = dataDir(settings);
        Optional<String> url = settings.get("OSINT_DATABASE_URL");
        if (url.isEmpty()) {
            Path file = dataDir.resolve(SQLITE_FILE);
            return new HistorySettings(enabled, Dialect.SQLITE, "jdbc:sqlite:" + file, null, null, file.toString(),
                    dataDir, retention);
        }
        return fromUrl(url.get(), settings.secret("OSINT_DATABASE_PASSWORD"), enabled, dataDir, retention);
    }

    /** {@code OSINT_DATA_DIR}, else {@code $XDG_DATA_HOME/osint}, else {@code ~/.local/share/osint}. */
    static Path dataDir(Settings settings) {
        Optional<String> given = settings.get("OSINT_DATA_DIR");
        if (given.isPresent()) {
            return Path.of(given.get()).toAbsolutePath();
        }
        Optional<String> xdg = settings.get("XDG_DATA_HOME");
        if (xdg.isPresent() && Path.of(xdg.get()).isAbsolute()) {
            return Path.of(xdg.get(), "osint");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "osint");
    }

    private static HistorySettings fromUrl(String url, Optional<Secret> passwordSetting, boolean enabled,
                                           Path dataDir, Duration retention) {
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            return new HistorySettings(enabled, Dialect.SQLITE, url, null, null, file, dataDir, retention);
        }
        boolean jdbc = url.startsWith("jdbc:postgresql:");
        if (!jdbc && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("OSINT_DATABASE_URL must be postgresql://user:password@host:port/db"
                    + " or a jdbc:postgresql: or jdbc:sqlite: URL; got one starting '"
                    + url.substring(0, Math.min(url.length(), 14)) + "'");
        }
        URI uri;
        try {
            uri = URI.create(jdbc ? url.substring("jdbc:".length()) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OSINT_DATABASE_URL is not a valid URL (its value is not shown: it"
                    + " may hold a password)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("OSINT_DATABASE_URL names no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                String name = param.split("=", 2)[0];
                String value = param.contains("=") ? decode(param.split("=", 2)[1]) : "";
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> password = value; // kept out of the URL, which a pool may log
                    default -> params.add(param);
                }
            }
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "osint" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String hostPort = uri.getHost() + ":" + port;
        String jdbcUrl = "jdbc:postgresql://" + hostPort + "/" + database
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        Secret secret = password != null && !password.isBlank() ? new Secret(password) : passwordSetting.orElse(null);
        return new HistorySettings(enabled, Dialect.POSTGRESQL, jdbcUrl, user, secret, hostPort + "/" + database,
                dataDir, retention);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HistorySettings[" + (enabled ? dialect.kind + " at " + location : "off") + "]";
    }
}
