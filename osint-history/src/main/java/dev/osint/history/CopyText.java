package dev.osint.history;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}, written straight as the UTF-8 bytes sent:
 * fields separated by tabs, rows ended by a newline, null as {@code \N}, and a backslash, tab, newline or
 * carriage return inside a value escaped with a backslash. Values must hold no NUL (the store strips it before).
 * One pass per value: no intermediate {@code String} for the rows, nor for the JSON columns, which Jackson
 * writes into the same buffer.
 */
final class CopyText {
    private static final ObjectWriter JSON = Json.mapper().writer();

    private byte[] bytes;
    private int length;
    private boolean rowStarted;
    /** Whether the JSON being written holds a backslash: only then can it hold an escaped NUL. */
    private boolean jsonEscapes;
    /** Jackson's output, escaped for {@code COPY} on its way into {@link #bytes}. */
    private final OutputStream escaping = new OutputStream() {
        @Override
        public void write(int b) {
            ensure(2);
            putJson((byte) b);
        }

        @Override
        public void write(byte[] from, int offset, int count) {
            ensure(count * 2);
            for (int i = offset; i < offset + count; i++) {
                byte b = from[i];
                if ((b >= ' ' || b < 0) && b != '\\') { // most bytes: nothing to escape
                    bytes[length++] = b;
                } else {
                    putJson(b);
                }
            }
        }

        private void putJson(byte b) {
            if (b == '\\') {
                jsonEscapes = true;
            }
            put(b);
        }
    };

    CopyText(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
    }

    CopyText field(String value) {
        separate();
        if (value == null) {
            return nullField();
        }
        ensure(value.length() * 3); // a char takes at most three bytes, or two escaped; a surrogate pair four
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                put((byte) c);
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                bytes[length++] = (byte) (0xF0 | code >> 18);
                bytes[length++] = (byte) (0x80 | code >> 12 & 0x3F);
                bytes[length++] = (byte) (0x80 | code >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                bytes[length++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return this;
    }

    /**
     * {@code value} as JSON, the same text {@link JdbcHistoryStore#json} gives: written by Jackson into this
     * buffer, unless it holds an escaped NUL (or a string Jackson's byte output refuses, a lone surrogate), which
     * the rare slower way takes out.
     */
    CopyText json(Object value) {
        separate();
        int start = length;
        jsonEscapes = false;
        try {
            JSON.writeValue(escaping, value);
            if (!jsonEscapes || !holdsEscapedNul(start)) {
                return this;
            }
        } catch (IOException | RuntimeException e) {
            // below: the way through a String reports what cannot be serialised, as the store always did
        }
        length = start;
        rowStarted = false;
        return field(JdbcHistoryStore.json(value));
    }

    /** {@code value} as JSON, or null when there is none (where {@link #json} writes JSON's {@code null}). */
    CopyText jsonOrNull(Object value) {
        return value == null ? field(null) : json(value);
    }

    /** JSON's {@code \u0000}, its backslash doubled by the escaping: {@code \\u0000}. */
    private boolean holdsEscapedNul(int start) {
        for (int i = start + 2; i + 4 < length; i++) {
            if (bytes[i] == 'u' && bytes[i - 1] == '\\' && bytes[i + 1] == '0' && bytes[i + 2] == '0'
                    && bytes[i + 3] == '0' && bytes[i + 4] == '0') {
                return true;
            }
        }
        return false;
    }

    CopyText endRow() {
        ensure(1);
        bytes[length++] = '\n';
        rowStarted = false;
        return this;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The rows as bytes, for tests. */
    byte[] utf8() {
        return Arrays.copyOf(bytes, length);
    }

    int size() {
        return length;
    }

    /** Sends the rows written so far into the open copy and empties the buffer for the next ones. */
    void sendPart(CopyIn copy) throws SQLException {
        copy.writeToCopy(bytes, 0, length);
        copy.flushCopy();
        length = 0;
        rowStarted = false;
    }

    private void separate() {
        if (rowStarted) {
            ensure(1);
            bytes[length++] = '\t';
        }
        rowStarted = true;
    }

    private CopyText nullField() {
        ensure(2);
        bytes[length++] = '\\';
        bytes[length++] = 'N';
        return this;
    }

    /** One byte of a value, escaped when COPY would read it otherwise; room for two is ensured by the caller. */
    private void put(byte b) {
        byte escaped = switch (b) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> 0;
        };
        if (escaped == 0) {
            bytes[length++] = b;
        } else {
            bytes[length++] = '\\';
            bytes[length++] = escaped;
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
