package dev.osint.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COPY's text format, written as UTF-8 bytes in one pass: the bytes the escaped {@code String} would give. */
class CopyTextTest {
    /** The text format's escaping, the slow way: what the rows must equal. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String text(CopyText rows) {
        return new String(rows.utf8(), StandardCharsets.UTF_8);
    }

    @Test
    void fieldsAreEscapedAndEncodedAsUtf8() {
        String awkward = "tab\there, line\nbreak\r\\ back, été, €, 😀, 中文";
        CopyText rows = new CopyText(8).field(awkward).field(null).field("").endRow().field("second").endRow();
        assertThat(rows.utf8()).isEqualTo((escaped(awkward) + "\t\\N\t\nsecond\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateIsWrittenAsUtf8EncodingWritesIt() {
        String lone = "a\uD800b\uDC00c";
        assertThat(new CopyText(8).field(lone).utf8()).isEqualTo(lone.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonIsTheStoresJsonEscapedForCopy() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("quote", "say \"hi\"\\ \t\n");
        value.put("nul", "before\u0000after");
        value.put("literal", "\\u0000 stays text");
        value.put("list", List.of(1, 2.5, "été"));
        assertThat(text(new CopyText(8).json(value).json(Map.of("a", "b")).endRow()))
                .isEqualTo(escaped(JdbcHistoryStore.json(value)) + "\t{\"a\":\"b\"}\n");
        assertThat(text(new CopyText(8).json(value))).contains("beforeafter");
    }

    @Test
    void jsonOfNothingIsJsonNullAndJsonOrNullIsNull() {
        assertThat(text(new CopyText(8).json(null).jsonOrNull(null).endRow())).isEqualTo("null\t\\N\n");
    }
}
