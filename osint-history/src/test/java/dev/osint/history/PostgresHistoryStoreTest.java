package dev.osint.history;

import dev.osint.history.testing.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL (skipped, saying so, when PostgreSQL is not installed). */
class PostgresHistoryStoreTest extends HistoryStoreContractTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Override
    protected HistoryStore newStore() throws Exception {
        HistoryStore store = HistoryStores.open(postgres.settings());
        store.count(); // migrates
        postgres.wipe();
        return store;
    }
}
