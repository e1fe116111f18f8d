package dev.osint.history;

import dev.osint.core.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded store: a fresh SQLite file per test. */
class SqliteHistoryStoreTest extends HistoryStoreContractTest {
    @TempDir
    Path dataDir;

    @Override
    protected HistoryStore newStore() {
        return HistoryStores.open(HistorySettings.from(new Settings(Map.of("OSINT_DATA_DIR", dataDir.toString()))));
    }
}
