package dev.osint.history;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.history.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertThat(indexes("scan_entities")).containsExactly("btree (task_id)", "btree (value_key, seen_at DESC)");
    }

    /**
     * The time-ordered indexes end at the time, not the task id (migration V4): the queries still order and page by
     * (time, task id), and an entry without the id is half the size.
     */
    @Test
    void scansAreIndexedWithoutTheTaskIdAfterTheTime() throws Exception {
        assertThat(indexes("scans")).containsExactly("btree (owner, finished_at DESC) WHERE (owner IS NOT NULL)",
                "btree (target_key, type, finished_at DESC)", "btree (finished_at DESC)", "btree (task_id)",
                "gin (search)");
    }

    /** The JSON columns are compressed with lz4 where the server has it (migration V5), pglz elsewhere. */
    @Test
    void jsonColumnsAreCompressedWithLz4WhereTheServerHasIt() throws Exception {
        try (Connection connection = postgres.connect(); Statement select = connection.createStatement()) {
            boolean lz4;
            try (ResultSet row = select.executeQuery("SELECT count(*) FROM pg_settings WHERE name ="
                    + " 'default_toast_compression' AND 'lz4' = ANY (enumvals)")) {
                row.next();
                lz4 = row.getInt(1) == 1;
            }
            List<String> methods = new ArrayList<>();
            try (ResultSet row = select.executeQuery("SELECT attname || '=' || attcompression::text FROM pg_attribute"
                    + " WHERE attrelid = 'scans'::regclass AND attname IN ('options', 'state_history', 'result')"
                    + " ORDER BY attname")) {
                while (row.next()) {
                    methods.add(row.getString(1));
                }
            }
            String method = lz4 ? "l" : "";
            assertThat(methods).containsExactly("options=" + method, "result=" + method, "state_history=" + method);
        }
    }

    private static List<String> indexes(String table) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = '" + table
                     + "' ORDER BY indexname")) {
            while (row.next()) {
                indexes.add(row.getString(1).replaceFirst(".* USING ", ""));
            }
        }
        return indexes;
    }

    /** The rows go out in parts as they are built: a batch of many parts arrives whole, each scan with its entities. */
    @Test
    void aBatchSentInManyPartsIsStoredWhole() throws Exception {
        try (HistoryStore store = newStore()) {
            List<HistoryRecord> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(aScan("dns", "host" + i + ".example.com").id("task-" + i).data("note", "x".repeat(600) + i)
                        .with(ip("192.0.2." + i % 250), ip("198.51.100." + i % 250)).build());
            }
            assertThat(300 * 600).isGreaterThan(4 * PostgresBatchWrite.PART_BYTES);
            store.write(batch);

            assertThat(store.count()).isEqualTo(300);
            Map<String, Set<String>> entities = store.entityKeys(batch.stream().map(HistoryRecord::taskId).toList());
            for (int i = 0; i < 300; i++) {
                assertThat(store.find("task-" + i).orElseThrow().result().data()).containsEntry("note",
                        "x".repeat(600) + i);
                assertThat(entities.get("task-" + i)).containsExactlyInAnyOrder("ip:192.0.2." + i % 250,
                        "ip:198.51.100." + i % 250);
            }
        }
    }
}
