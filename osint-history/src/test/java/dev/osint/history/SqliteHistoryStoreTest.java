package dev.osint.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.zaxxer.hikari.HikariDataSource;
import dev.osint.core.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded store: a fresh SQLite file per test. */
class SqliteHistoryStoreTest extends HistoryStoreContractTest {
    @TempDir
    Path dataDir;

    private HistorySettings settings() {
        return HistorySettings.from(new Settings(Map.of("OSINT_DATA_DIR", dataDir.toString())));
    }

    @Override
    protected HistoryStore newStore() {
        return HistoryStores.open(settings());
    }

    /** With SQLite's default 2 MB, a batch of 500 scans spills pages to the WAL and reads them back. */
    @Test
    void everyPooledConnectionHoldsABatchInItsPageCache() throws SQLException {
        HistorySettings settings = settings();
        HistoryStores.open(settings).close(); // creates the directory
        try (HikariDataSource pool = new HikariDataSource(HistoryStores.poolConfig(settings));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA cache_size")) {
            row.next();
            assertEquals(-HistoryStores.SQLITE_CACHE_KIB, row.getInt(1));
        }
    }

    /** The driver's generated keys cost a regex and a SELECT per INSERT; the store reads its rowids by RETURNING. */
    @Test
    void pooledConnectionsFetchNoGeneratedKeys() throws SQLException {
        HistorySettings settings = settings();
        HistoryStores.open(settings).close(); // creates the directory
        try (HikariDataSource pool = new HikariDataSource(HistoryStores.poolConfig(settings));
             Connection connection = pool.getConnection()) {
            assertFalse(connection.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig()
                    .isGetGeneratedKeys());
        }
    }
}
