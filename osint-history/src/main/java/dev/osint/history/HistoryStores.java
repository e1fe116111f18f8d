package dev.osint.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.flywaydb.core.Flyway;

/** Opens the store the settings name: its pool, and its schema brought up to date by Flyway. */
public final class HistoryStores {
    /**
     * Each SQLite connection's page cache, in KiB: native memory, filled as pages are touched and kept while the
     * connection lives (a flood's writer filled two). 16 MB wrote as fast as 32 in the history benchmark.
     */
    static final int SQLITE_CACHE_KIB = 16 * 1024;

    private HistoryStores() {}

    /**
     * Opens the store. A PostgreSQL that is down now is not an error: the pool starts empty, and the schema is
     * migrated on the first call that reaches the database.
     */
    public static HistoryStore open(HistorySettings settings) {
        if (settings.dialect() == Dialect.SQLITE) {
            createPrivateDirectory(Path.of(settings.location()).toAbsolutePath().getParent());
        }
        HikariDataSource pool = new HikariDataSource(poolConfig(settings));
        // Flyway is configured when the schema is first migrated, not here: its configuration (a class path scan
        // for callbacks, its licence and link tables) was ~5% of a server's work before its first answer
        return new JdbcHistoryStore(pool, settings.dialect(), settings.location(), pool,
                () -> Flyway.configure()
                        .dataSource(pool)
                        .locations("classpath:db/history/" + settings.dialect().kind)
                        .table("history_schema_history")
                        .failOnMissingLocations(true)
                        .load()
                        .migrate());
    }

    static HikariConfig poolConfig(HistorySettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("osint-history");
        config.setJdbcUrl(settings.jdbcUrl());
        // start even when the database is away: history waits for it, scans do not
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        if (settings.dialect() == Dialect.POSTGRESQL) {
            config.setMaximumPoolSize(8);
            if (settings.user() != null) {
                config.setUsername(settings.user());
            }
            if (settings.password() != null) {
                config.setPassword(settings.password().reveal());
            }
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.addDataSourceProperty("ApplicationName", "osint");
            config.addDataSourceProperty("connectTimeout", "5");
            config.addDataSourceProperty("socketTimeout", "120");
            // errors must not quote statement parameters: results hold personal data, and logs are not the place
            config.addDataSourceProperty("logServerErrorDetail", "false");
        } else {
            config.setMaximumPoolSize(4);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "10000");
            // a write transaction takes the write lock at BEGIN, so two processes never deadlock upgrading
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // SQLite's default page cache (2 MB) is smaller than the pages a batch of 500 scans dirties in the
            // indexes, so every batch spilled pages to the WAL and read them back: half the writer's CPU, mostly
            // in system calls. A connection's cache grows only as it touches pages.
            config.addDataSourceProperty("cache_size", Integer.toString(-SQLITE_CACHE_KIB));
            // the driver otherwise runs a regular expression over every INSERT it executes and then prepares and
            // runs "SELECT last_insert_rowid()" on a new statement, for keys nothing here asks for (the scan's
            // rowid comes back by RETURNING): one statement more for every scan written
            config.addDataSourceProperty("jdbc.get_generated_keys", "false");
        }
        return config;
    }

    /** The data directory holds what scans found about people: readable by its owner only. */
    private static void createPrivateDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own defaults apply
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the history's data directory " + dir
                    + " (set OSINT_DATA_DIR to a writable directory): " + e.getMessage(), e);
        }
    }
}
