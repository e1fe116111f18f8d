package dev.osint.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.history.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer builds PostgreSQL's tsvector itself: it must be the one PostgreSQL's own parser would build. */
class PostgresSearchTextTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private String postgresOwn(String sql, String... values) throws Exception {
        try (Connection connection = postgres.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    @Test
    void theVectorIsPostgresOwnForTheSameWords() throws Exception {
        String document = "mail example com 192 0 2 1 mail example com jane 2026 ns1 été ";
        assertThat(postgresOwn("SELECT ?::tsvector::text", SearchText.postgresVector(document)))
                .isEqualTo(postgresOwn("SELECT to_tsvector('simple', ?)::text", document));
    }

    @Test
    void aPhraseMatchesWhereItsWordsFollowEachOther() throws Exception {
        String vector = SearchText.postgresVector("jane mail example com other ");
        String match = "SELECT ?::tsvector @@ ?::tsquery";
        assertThat(postgresOwn(match, vector, SearchText.postgresQuery("mail.example.com"))).isEqualTo("t");
        assertThat(postgresOwn(match, vector, SearchText.postgresQuery("example.mail"))).isEqualTo("f");
        assertThat(postgresOwn(match, vector, SearchText.postgresQuery("JANE com"))).isEqualTo("t");
    }

    @Test
    void wordsPastPostgresLimitsAreLeftOutAsItsParserLeavesThemOut() throws Exception {
        String longWord = "a".repeat(3_000);
        String repeated = String.join(" ", Collections.nCopies(300, "ns")) + " ";
        String document = "before " + longWord + " after " + repeated;
        assertThat(postgresOwn("SELECT ?::tsvector::text", SearchText.postgresVector(document)))
                .isEqualTo(postgresOwn("SELECT to_tsvector('simple', ?)::text", document));
        assertThatThrownBy(() -> SearchText.postgresQuery(longWord)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q:");
    }
}
