package dev.osint.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What differs between the two stores; the SQL is otherwise shared. PostgreSQL keeps times as
 * {@code timestamptz}, results as {@code json} (kept as sent: nothing queries inside them) and full text in a
 * {@code tsvector} column; SQLite keeps times as
 * epoch milliseconds, JSON as text and full text in the FTS5 table {@code scan_text}.
 */
enum Dialect {
    POSTGRESQL("postgresql", "?::json"),
    SQLITE("sqlite", "?");

    final String kind;
    /** The placeholder for a JSON value. */
    final String json;

    Dialect(String kind, String json) {
        this.kind = kind;
        this.json = json;
    }

    void setTime(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (this == POSTGRESQL) {
            statement.setObject(index, at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        } else if (at == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, at.toEpochMilli());
        }
    }

    Instant time(ResultSet row, String column) throws SQLException {
        if (this == POSTGRESQL) {
            OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** The condition that a scan's text matches a query, over {@code scans s}. */
    String textMatch() {
        return this == POSTGRESQL ? "s.search @@ ?::tsquery"
                : "s.id IN (SELECT rowid FROM scan_text WHERE scan_text MATCH ?)";
    }

    String textQuery(String query) {
        return this == POSTGRESQL ? SearchText.postgresQuery(query) : SearchText.sqliteQuery(query);
    }
}
