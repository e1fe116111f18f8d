package dev.osint.history;

import static dev.osint.history.JdbcHistoryStore.clean;
import static dev.osint.history.JdbcHistoryStore.key;

import dev.osint.core.Entity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's write of a batch of finished scans: the task ids already stored are asked for first, and the
 * scans that are new go in with {@code COPY … FROM STDIN} straight into {@code scans} and {@code scan_entities}
 * (one stream per table, no per-row conflict check and no array to unpack). A scan's entity rows go in only with
 * its new row, in the same transaction, and are deduplicated here (the table has no unique key to do it), so the
 * only conflict left is another process storing the same task between the question and the copy: the copy then
 * fails with a unique violation, and {@link #isUniqueViolation} lets the caller write the batch again, when the
 * question answers otherwise.
 */
final class PostgresBatchWrite {
    private static final String COPY_SCANS = "COPY scans (task_id, type, target, target_key, target_kind, state,"
            + " success, error, options, queue, priority, parent_id, worker, owner, retries, created_at, started_at,"
            + " finished_at, state_history, result, entity_count, search) FROM STDIN";
    private static final String COPY_ENTITIES = "COPY scan_entities (task_id, kind, value, value_key, source,"
            + " confidence, owner, seen_at) FROM STDIN";

    /** Rows go to the server in parts of about this many bytes (some 20 scans), as they are built. */
    static final int PART_BYTES = 32 * 1_024;

    private PostgresBatchWrite() {}

    /**
     * The records in task id order, each task once (the first copy of it): the order keeps two transactions
     * writing the same tasks (two batches at once, or two processes) from locking them in opposite orders.
     */
    static List<HistoryRecord> ordered(List<HistoryRecord> records) {
        TreeMap<String, HistoryRecord> byId = new TreeMap<>();
        for (HistoryRecord record : records) {
            byId.putIfAbsent(clean(record.taskId()), record);
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Stores the records not stored yet, in the caller's transaction. The rows go to PostgreSQL in parts of about
     * {@link #PART_BYTES} as they are built, so the server parses and stores one part while this thread builds
     * the next, instead of each side waiting for the other's whole batch.
     */
    static void write(Connection connection, List<HistoryRecord> records) throws SQLException {
        Set<String> stored = storedIds(connection, records);
        List<HistoryRecord> fresh = new ArrayList<>(records.size());
        for (HistoryRecord record : records) {
            if (!stored.contains(clean(record.taskId()))) {
                fresh.add(record);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        CopyManager copies = connection.unwrap(PGConnection.class).getCopyAPI();
        CopyText rows = new CopyText(PART_BYTES + 8_192);
        List<List<Entity>> entityLists = new ArrayList<>(fresh.size()); // each record's, worked out once
        try (Copy scans = new Copy(copies, COPY_SCANS)) {
            for (HistoryRecord record : fresh) {
                List<Entity> entities = record.entities();
                entityLists.add(entities);
                scanRow(rows, record, entities);
                if (rows.size() >= PART_BYTES) {
                    scans.send(rows);
                }
            }
            scans.send(rows);
            scans.end();
        }
        try (Copy entities = new Copy(copies, COPY_ENTITIES)) {
            for (int i = 0; i < fresh.size(); i++) {
                entityRows(rows, fresh.get(i), entityLists.get(i));
                if (rows.size() >= PART_BYTES) {
                    entities.send(rows);
                }
            }
            entities.send(rows);
            entities.end();
        }
    }

    /** One {@code COPY … FROM STDIN}, opened when its first rows are sent (not at all when there are none). */
    private static final class Copy implements AutoCloseable {
        private final CopyManager copies;
        private final String sql;
        private CopyIn open;

        Copy(CopyManager copies, String sql) {
            this.copies = copies;
            this.sql = sql;
        }

        void send(CopyText rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            if (open == null) {
                open = copies.copyIn(sql);
            }
            rows.sendPart(open);
        }

        void end() throws SQLException {
            if (open != null) {
                open.endCopy();
            }
        }

        /** A copy left open by a failure is cancelled, so the connection can roll back. */
        @Override
        public void close() throws SQLException {
            if (open != null && open.isActive()) {
                open.cancelCopy();
            }
        }
    }

    private static Set<String> storedIds(Connection connection, List<HistoryRecord> records) throws SQLException {
        String[] ids = new String[records.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = clean(records.get(i).taskId());
        }
        Set<String> stored = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT task_id FROM scans WHERE task_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    stored.add(row.getString(1));
                }
            }
        }
        return stored;
    }

    static void scanRow(CopyText rows, HistoryRecord record, List<Entity> entities) {
        rows.field(clean(record.taskId())).field(clean(record.type())).field(clean(record.target()))
                .field(key(record.target())).field(clean(record.targetKind())).field(record.state().name())
                .field(record.success() == null ? null : record.success().toString())
                .field(clean(record.error())).json(record.options()).field(clean(record.queue()))
                .field(clean(record.priority())).field(clean(record.parentId())).field(clean(record.worker()))
                .field(clean(record.owner())).field(Integer.toString(record.retries()))
                .field(text(record.createdAt())).field(text(record.startedAt())).field(text(record.finishedAt()))
                .json(record.stateHistory())
                .jsonOrNull(record.result())
                .field(Integer.toString(entities.size()))
                .field(SearchText.postgresVector(SearchText.document(record, entities)))
                .endRow();
    }

    /**
     * A scan's entities, each (kind, value) once as stored: two values that differ only by a NUL, which is
     * dropped, are one row (the first, as {@code ON CONFLICT DO NOTHING} kept it).
     */
    static void entityRows(CopyText rows, HistoryRecord record, List<Entity> entities) {
        String taskId = clean(record.taskId());
        String owner = clean(record.owner());
        String seenAt = text(record.finishedAt());
        Set<String> seen = new HashSet<>();
        for (Entity entity : entities) {
            String kind = entity.kind().wireName();
            String value = clean(entity.value());
            if (seen.add(kind + '\u0000' + value)) {
                rows.field(taskId).field(kind).field(value).field(key(entity.value()))
                        .field(clean(entity.source())).field(Double.toString(entity.confidence())).field(owner)
                        .field(seenAt).endRow();
            }
        }
    }

    /** Another process stored one of the tasks after this one asked: writing again skips it. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
