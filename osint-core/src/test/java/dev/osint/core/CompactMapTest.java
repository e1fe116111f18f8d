package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A compact copy answers as the map it was copied from: same entries, same order, same JSON; it cannot change. */
class CompactMapTest {
    private static Map<String, Object> metadata() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("collector_type", "ping");
        map.put("target_kind", "domain");
        map.put("worker", "worker@host:1");
        map.put("attempts", 1);
        map.put("duration_ms", 0.25);
        map.put("nothing", null);
        return map;
    }

    @Test
    void keepsTheEntriesInTheOrderGiven() {
        Map<String, Object> original = metadata();
        Map<String, Object> copy = CompactMap.copyOf(original);

        assertThat(copy).containsExactlyEntriesOf(original);
        assertThat(List.copyOf(copy.keySet())).isEqualTo(List.copyOf(original.keySet()));
        assertThat(new ArrayList<>(copy.values())).isEqualTo(new ArrayList<>(original.values()));
        assertThat(copy).hasSize(6).isEqualTo(original).isEqualTo(new HashMap<>(original));
        assertThat(copy.hashCode()).isEqualTo(original.hashCode());
        assertThat(copy.toString()).isEqualTo(original.toString());
    }

    @Test
    void looksKeysUpLikeAMap() {
        Map<String, Object> copy = CompactMap.copyOf(metadata());

        assertThat(copy.get("worker")).isEqualTo("worker@host:1");
        assertThat(copy.get("duration_ms")).isEqualTo(0.25);
        assertThat(copy.get("absent")).isNull();
        assertThat(copy.containsKey("nothing")).isTrue();
        assertThat(copy.get("nothing")).isNull();
        assertThat(copy.containsKey("absent")).isFalse();
        assertThat(copy.containsKey(null)).isFalse();
        assertThat(copy.containsValue(1)).isTrue();

        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, "x");
        assertThat(CompactMap.copyOf(nullKey).get(null)).isEqualTo("x");
    }

    @Test
    void writesTheSameJsonAsTheMapItCopies() throws Exception {
        Map<String, Object> original = metadata();

        assertThat(Json.mapper().writeValueAsString(CompactMap.copyOf(original)))
                .isEqualTo(Json.mapper().writeValueAsString(original))
                .startsWith("{\"collector_type\":\"ping\",\"target_kind\":\"domain\"");
    }

    @Test
    void cannotBeChanged() {
        Map<String, Object> copy = CompactMap.copyOf(metadata());

        assertThatThrownBy(() -> copy.put("truncated", true)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("worker")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
        Iterator<Map.Entry<String, Object>> entries = copy.entrySet().iterator();
        Map.Entry<String, Object> first = entries.next();
        assertThatThrownBy(() -> first.setValue("other")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(entries::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(copy).isEqualTo(metadata());
    }

    @Test
    void anEmptyMapIsTheSharedEmptyMap() {
        assertThat(CompactMap.copyOf(new LinkedHashMap<>())).isSameAs(Map.of());
    }
}
