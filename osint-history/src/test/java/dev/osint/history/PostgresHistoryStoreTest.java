package dev.osint.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.history.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    /** Each write costs an entry in every index: scan_entities keeps one by task id and one by value, no more. */
    @Test
    void entityRowsAreIndexedByTaskAndByValueOnly() throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'scan_entities'"
                     + " ORDER BY indexname")) {
            while (row.next()) {
                indexes.add(row.getString(1).replaceFirst(".* USING ", ""));
            }
        }
        assertThat(indexes).containsExactly("btree (task_id)", "btree (value_key, seen_at DESC, task_id DESC)");
    }
}
