package dev.osint.history;

import dev.osint.core.StateChange;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.osint.core.Entity;
import dev.osint.core.Json;
import dev.osint.core.ResultJson;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The history in SQLite or PostgreSQL over plain JDBC; the SQL is shared, {@link Dialect} holds the differences. */
final class JdbcHistoryStore implements HistoryStore {
    private static final String SUMMARY_COLUMNS = "s.task_id, s.type, s.target, s.target_kind, s.state, s.success,"
            + " s.error, s.worker, s.owner, s.created_at, s.started_at, s.finished_at, s.entity_count";
    private static final String RECORD_COLUMNS = SUMMARY_COLUMNS + ", s.options, s.queue, s.priority, s.parent_id,"
            + " s.retries, s.state_history, s.result";
    /** Deletes go in slices, so a purge of years of history never holds a lock for long. */
    private static final int PURGE_SLICE = 5_000;
    private static final Pattern JSON_NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");
    private static final TypeReference<List<StateChange>> STATE_HISTORY = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OPTIONS = new TypeReference<>() {};

    private final DataSource data;
    private final Dialect dialect;
    private final String location;
    private final AutoCloseable pool;
    private final Runnable migrate;
    private volatile boolean migrated;

    /** @param migrate brings the schema up to date; run once, before the first statement that reaches the database */
    JdbcHistoryStore(DataSource data, Dialect dialect, String location, AutoCloseable pool, Runnable migrate) {
        this.data = data;
        this.dialect = dialect;
        this.location = location;
        this.pool = pool;
        this.migrate = migrate;
    }

    private void ensureMigrated() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                try {
                    migrate.run();
                } catch (RuntimeException e) {
                    throw new HistoryUnavailableException("history database (" + dialect.kind + " at " + location
                            + ") cannot be migrated: " + rootMessage(e), e);
                }
                migrated = true;
            }
        }
    }

    /** A batch error's message can quote whole results: the first line, cut short, is what a log line needs. */
    private static String clip(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public String kind() {
        return dialect.kind;
    }

    @Override
    public String location() {
        return location;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String what, Work<T> work) {
        ensureMigrated();
        try (Connection connection = data.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new HistoryUnavailableException("history database (" + dialect.kind + " at " + location
                    + ") failed to " + what + ": " + clip(rootMessage(e)), e);
        }
    }

    private <T> T inTransaction(String what, Work<T> work) {
        return withConnection(what, connection -> {
            connection.setAutoCommit(false);
            try {
                T answer = work.run(connection);
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public void write(List<HistoryRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            writePostgres(records);
            return;
        }
        inTransaction("write " + records.size() + " finished scan(s)", connection -> {
            insertEntities(connection, insertScansWithText(connection, records));
            return null;
        });
    }

    /**
     * PostgreSQL: the batch in one transaction, on the calling thread. The database's work runs on more than one
     * core because {@link HistoryWriter} writes two batches at once, each on a connection of its own.
     */
    private void writePostgres(List<HistoryRecord> batch) {
        List<HistoryRecord> records = PostgresBatchWrite.ordered(batch);
        for (int attempt = 1; ; attempt++) {
            try {
                inTransaction("write " + records.size() + " finished scan(s)", connection -> {
                    PostgresBatchWrite.write(connection, records);
                    return null;
                });
                return;
            } catch (HistoryUnavailableException e) {
                // another transaction (the batch written beside this one, or another process) stored one of these
                // tasks meanwhile: the next attempt skips it
                if (attempt == 3 || !PostgresBatchWrite.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** SQLite's insert of one scan. */
    private String insertScanSql(String extraColumn, String extraValue) {
        return "INSERT INTO scans (task_id, type, target, target_key, target_kind, state, success, error, options,"
                + " queue, priority, parent_id, worker, owner, retries, created_at, started_at, finished_at,"
                + " state_history, result, entity_count" + extraColumn + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                + dialect.json + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.json + ", " + dialect.json + ", ?"
                + extraValue + ") ON CONFLICT (task_id) DO NOTHING";
    }

    /** SQLite: row by row (in-process, so cheap), each new row's words into scan_text under its id. */
    private List<HistoryRecord> insertScansWithText(Connection connection, List<HistoryRecord> records)
            throws SQLException {
        List<HistoryRecord> inserted = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(insertScanSql("", "") + " RETURNING id");
             PreparedStatement text = connection.prepareStatement(
                     "INSERT INTO scan_text (rowid, body) VALUES (?, ?)")) {
            for (HistoryRecord record : records) {
                bindScan(insert, record);
                try (ResultSet id = insert.executeQuery()) {
                    if (id.next()) {
                        text.setLong(1, id.getLong(1));
                        text.setString(2, SearchText.document(record));
                        text.executeUpdate();
                        inserted.add(record);
                    }
                }
            }
        }
        return inserted;
    }

    private int bindScan(PreparedStatement insert, HistoryRecord record) throws SQLException {
        int i = 1;
        insert.setString(i++, clean(record.taskId()));
        insert.setString(i++, clean(record.type()));
        insert.setString(i++, clean(record.target()));
        insert.setString(i++, key(record.target()));
        insert.setString(i++, clean(record.targetKind()));
        insert.setString(i++, record.state().name());
        if (record.success() == null) {
            insert.setNull(i++, Types.BOOLEAN);
        } else {
            insert.setBoolean(i++, record.success());
        }
        insert.setString(i++, clean(record.error()));
        insert.setString(i++, json(record.options()));
        insert.setString(i++, clean(record.queue()));
        insert.setString(i++, clean(record.priority()));
        insert.setString(i++, clean(record.parentId()));
        insert.setString(i++, clean(record.worker()));
        insert.setString(i++, clean(record.owner()));
        insert.setInt(i++, record.retries());
        dialect.setTime(insert, i++, record.createdAt());
        dialect.setTime(insert, i++, record.startedAt());
        dialect.setTime(insert, i++, record.finishedAt());
        insert.setString(i++, json(record.stateHistory()));
        insert.setString(i++, record.result() == null ? null : withoutNul(ResultJson.of(record.result())));
        insert.setInt(i++, record.entities().size());
        return i;
    }

    private void insertEntities(Connection connection, List<HistoryRecord> records) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scan_entities (task_id, kind, value,"
                + " value_key, source, confidence, owner, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            int pending = 0;
            for (HistoryRecord record : records) {
                for (Entity entity : record.entities()) {
                    insert.setString(1, clean(record.taskId()));
                    insert.setString(2, entity.kind().wireName());
                    insert.setString(3, clean(entity.value()));
                    insert.setString(4, key(entity.value()));
                    insert.setString(5, clean(entity.source()));
                    insert.setDouble(6, entity.confidence());
                    insert.setString(7, clean(record.owner()));
                    dialect.setTime(insert, 8, record.finishedAt());
                    insert.addBatch();
                    if (++pending == 5_000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public Optional<HistoryRecord> find(String taskId) {
        return withConnection("read scan " + taskId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + RECORD_COLUMNS + " FROM scans s WHERE s.task_id = ?")) {
                select.setString(1, taskId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(record(row)) : Optional.<HistoryRecord>empty();
                }
            }
        });
    }

    @Override
    public Page<ScanSummary> search(HistoryQuery query) {
        return page(query, SUMMARY_COLUMNS, this::summary, ScanSummary::finishedAt, ScanSummary::taskId);
    }

    @Override
    public Page<HistoryRecord> searchRecords(HistoryQuery query) {
        return page(query, RECORD_COLUMNS, this::record, HistoryRecord::finishedAt, HistoryRecord::taskId);
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Page<T> page(HistoryQuery query, String columns, RowReader<T> reader,
                             java.util.function.Function<T, Instant> at, java.util.function.Function<T, String> id) {
        List<String> where = new ArrayList<>();
        List<Binder> params = new ArrayList<>();
        if (query.target() != null) {
            where.add("s.target_key = ?");
            params.add(text(key(query.target())));
        }
        if (query.type() != null) {
            where.add("s.type = ?");
            params.add(text(query.type()));
        }
        if (query.state() != null) {
            where.add("s.state = ?");
            params.add(text(query.state().name()));
        }
        if (query.since() != null) {
            where.add("s.finished_at >= ?");
            params.add(time(query.since()));
        }
        if (query.until() != null) {
            where.add("s.finished_at < ?");
            params.add(time(query.until()));
        }
        if (query.owner() != null) {
            where.add("s.owner = ?");
            params.add(text(query.owner()));
        }
        if (query.text() != null) {
            where.add(dialect.textMatch());
            params.add(text(dialect.textQuery(query.text())));
        }
        if (query.cursor() != null) {
            Cursor cursor = Cursor.decode(query.cursor());
            where.add("(s.finished_at, s.task_id) < (?, ?)");
            params.add(time(cursor.at()));
            params.add(text(cursor.taskId()));
        }
        String sql = "SELECT " + columns + " FROM scans s" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where)) + " ORDER BY s.finished_at DESC, s.task_id DESC LIMIT ?";
        params.add(integer(query.limit() + 1));
        List<T> items = withConnection("search the history", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, params);
                List<T> found = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(reader.read(row));
                    }
                }
                return found;
            }
        });
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<T> shown = items.subList(0, query.limit());
        T last = shown.getLast();
        return new Page<>(List.copyOf(shown), new Cursor(at.apply(last), id.apply(last)).encode());
    }

    @Override
    public EntityLookup entity(EntityQuery query) {
        String valueKey = key(query.value());
        List<String> where = new ArrayList<>(List.of("e.value_key = ?"));
        List<Binder> params = new ArrayList<>(List.of(text(valueKey)));
        if (query.kind() != null) {
            where.add("e.kind = ?");
            params.add(text(query.kind()));
        }
        if (query.owner() != null) {
            where.add("e.owner = ?");
            params.add(text(query.owner()));
        }
        String filter = String.join(" AND ", where);
        List<Binder> pageParams = new ArrayList<>(params);
        String pageFilter = filter;
        if (query.cursor() != null) {
            Cursor cursor = Cursor.decode(query.cursor());
            pageFilter += " AND (e.seen_at, e.task_id, e.kind) < (?, ?, ?)";
            pageParams.add(time(cursor.at()));
            pageParams.add(text(cursor.taskId()));
            pageParams.add(text(cursor.kind()));
        }
        pageParams.add(integer(query.limit() + 1));
        String summarySql = "SELECT e.kind, MIN(e.value) AS value, MIN(e.seen_at) AS first_seen,"
                + " MAX(e.seen_at) AS last_seen, COUNT(*) AS scans FROM scan_entities e WHERE " + filter
                + " GROUP BY e.kind ORDER BY e.kind";
        String sightingSql = "SELECT e.kind, e.value, e.task_id, s.type, s.target, s.state, e.seen_at, e.source,"
                + " e.confidence FROM scan_entities e JOIN scans s ON s.task_id = e.task_id WHERE " + pageFilter
                + " ORDER BY e.seen_at DESC, e.task_id DESC, e.kind DESC LIMIT ?";
        return withConnection("look up an entity", connection -> {
            List<EntitySummary> entities = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(summarySql)) {
                bind(select, params);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entities.add(entitySummary(row));
                    }
                }
            }
            List<EntitySighting> sightings = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sightingSql)) {
                bind(select, pageParams);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        sightings.add(new EntitySighting(row.getString("kind"), row.getString("value"),
                                row.getString("task_id"), row.getString("type"), row.getString("target"),
                                row.getString("state"), dialect.time(row, "seen_at"), row.getString("source"),
                                row.getDouble("confidence")));
                    }
                }
            }
            String next = null;
            if (sightings.size() > query.limit()) {
                sightings = new ArrayList<>(sightings.subList(0, query.limit()));
                EntitySighting last = sightings.getLast();
                next = new Cursor(last.seenAt(), last.taskId(), last.kind()).encode();
            }
            return new EntityLookup(query.value(), entities, new Page<>(List.copyOf(sightings), next));
        });
    }

    @Override
    public List<EntitySummary> entitiesByPrefix(String kind, String prefix, String owner, int limit) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: give at least one character");
        }
        String low = key(prefix);
        // the first string after every string that starts with the prefix, in code point (= UTF-8 byte) order
        int last = low.codePointBefore(low.length());
        String high = low.substring(0, low.length() - Character.charCount(last))
                + new String(Character.toChars(Math.min(last + 1, Character.MAX_CODE_POINT)));
        List<String> where = new ArrayList<>(List.of("e.value_key >= ?", "e.value_key < ?"));
        List<Binder> params = new ArrayList<>(List.of(text(low), text(high)));
        if (kind != null) {
            where.add("e.kind = ?");
            params.add(text(kind));
        }
        if (owner != null) {
            where.add("e.owner = ?");
            params.add(text(owner));
        }
        params.add(integer(limit));
        String sql = "SELECT e.kind, MIN(e.value) AS value, MIN(e.seen_at) AS first_seen, MAX(e.seen_at) AS last_seen,"
                + " COUNT(*) AS scans FROM scan_entities e WHERE " + String.join(" AND ", where)
                + " GROUP BY e.value_key, e.kind ORDER BY e.value_key, e.kind LIMIT ?";
        return withConnection("search entities", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, params);
                List<EntitySummary> found = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(entitySummary(row));
                    }
                }
                return found;
            }
        });
    }

    private EntitySummary entitySummary(ResultSet row) throws SQLException {
        return new EntitySummary(row.getString("kind"), row.getString("value"), dialect.time(row, "first_seen"),
                dialect.time(row, "last_seen"), row.getLong("scans"));
    }

    @Override
    public Map<String, Set<String>> entityKeys(Collection<String> taskIds) {
        Map<String, Set<String>> keys = new HashMap<>();
        if (taskIds.isEmpty()) {
            return keys;
        }
        taskIds.forEach(id -> keys.put(id, new LinkedHashSet<>()));
        String marks = String.join(", ", taskIds.stream().map(id -> "?").toList());
        return withConnection("read entities", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT task_id, kind, value FROM"
                    + " scan_entities WHERE task_id IN (" + marks + ") ORDER BY kind, value")) {
                int i = 1;
                for (String id : taskIds) {
                    select.setString(i++, id);
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        keys.get(row.getString(1)).add(row.getString(2) + ":" + row.getString(3));
                    }
                }
            }
            return keys;
        });
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return purge("s.finished_at < ?", time(cutoff), "purge scans finished before " + cutoff);
    }

    @Override
    public long purgeTarget(String target) {
        return purge("s.target_key = ?", text(key(target)), "purge the scans of a target");
    }

    /** Deletes the matching scans and their entities, a slice at a time, each slice in one transaction. */
    private long purge(String condition, Binder param, String what) {
        String select = "SELECT s.task_id FROM scans s WHERE " + condition + " LIMIT " + PURGE_SLICE;
        long total = 0;
        while (true) {
            int deleted = inTransaction(what, connection -> {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement find = connection.prepareStatement(select)) {
                    param.bind(find, 1);
                    try (ResultSet row = find.executeQuery()) {
                        while (row.next()) {
                            ids.add(row.getString(1));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                String marks = String.join(", ", ids.stream().map(id -> "?").toList());
                for (String table : List.of("scan_entities", "scans")) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                            + " WHERE task_id IN (" + marks + ")")) {
                        for (int i = 0; i < ids.size(); i++) {
                            delete.setString(i + 1, ids.get(i));
                        }
                        delete.executeUpdate();
                    }
                }
                return ids.size();
            });
            total += deleted;
            if (deleted < PURGE_SLICE) {
                return total;
            }
        }
    }

    @Override
    public long count() {
        return withConnection("count scans", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM scans");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public boolean ping() {
        try (Connection connection = data.getConnection()) {
            ensureMigrated();
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            // closing is best effort: the process is going away
        }
    }

    private ScanSummary summary(ResultSet row) throws SQLException {
        boolean success = row.getBoolean("success");
        Boolean successOrNull = row.wasNull() ? null : success;
        return new ScanSummary(row.getString("task_id"), row.getString("type"), row.getString("target"),
                row.getString("target_kind"), TaskState.valueOf(row.getString("state")), successOrNull,
                row.getString("error"), row.getString("worker"), row.getString("owner"),
                dialect.time(row, "created_at"), dialect.time(row, "started_at"), dialect.time(row, "finished_at"),
                row.getInt("entity_count"));
    }

    private HistoryRecord record(ResultSet row) throws SQLException {
        ScanSummary summary = summary(row);
        String result = row.getString("result");
        try {
            return new HistoryRecord(summary.taskId(), summary.type(), summary.target(), summary.targetKind(),
                    summary.state(), summary.success(), summary.error(),
                    Json.mapper().readValue(row.getString("options"), OPTIONS), row.getString("queue"),
                    row.getString("priority"), row.getString("parent_id"), summary.worker(), summary.owner(),
                    row.getInt("retries"), summary.createdAt(), summary.startedAt(), summary.finishedAt(),
                    Json.mapper().readValue(row.getString("state_history"), STATE_HISTORY),
                    result == null ? null : Json.read(result, ScanResult.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("scan " + summary.taskId() + " holds unreadable JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private static Binder text(String value) {
        return (statement, index) -> statement.setString(index, value);
    }

    private static Binder integer(int value) {
        return (statement, index) -> statement.setInt(index, value);
    }

    private Binder time(Instant at) {
        return (statement, index) -> dialect.setTime(statement, index, at);
    }

    private static void bind(PreparedStatement statement, List<Binder> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(statement, i + 1);
        }
    }

    static String key(String value) {
        return value == null ? null : clean(value).toLowerCase(Locale.ROOT);
    }

    /** PostgreSQL refuses NUL in text and JSON; a hostile upstream can put one in any string. */
    static String clean(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
    }

    static String json(Object value) {
        return withoutNul(Json.write(value));
    }

    private static String withoutNul(String json) {
        return json.contains("\\u0000") ? JSON_NUL.matcher(json).replaceAll("$1") : json;
    }
}
