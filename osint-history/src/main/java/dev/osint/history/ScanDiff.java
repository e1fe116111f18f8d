package dev.osint.history;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.osint.core.Entity;
import dev.osint.core.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two scans of the same target by the same collector: entities added and removed (by kind
 * and value), entities whose attributes changed, and the changes in the collector's data. Lists in the data
 * (DNS records, ports, …) are compared as sets, since collectors do not promise an order: a record that changed
 * shows as one removed and one added.
 *
 * @param records changes in {@code result.data}, each at a JSON Pointer path
 */
public record ScanDiff(ScanSummary from, ScanSummary to, List<EntityRef> added, List<EntityRef> removed,
                       List<EntityChange> changed, List<DataChange> records) {

    public record EntityRef(String kind, String value) {}

    public record EntityChange(String kind, String value, Map<String, Object> before, Map<String, Object> after) {}

    /** A list that gained or lost items ({@code added}, {@code removed}), or a value that changed. */
    public record DataChange(String path, List<Object> added, List<Object> removed, Object before, Object after) {}

    private static final ObjectWriter CANONICAL = Json.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** @throws IllegalArgumentException the scans are of different targets or collector types */
    public static ScanDiff between(HistoryRecord from, HistoryRecord to) {
        if (!from.type().equals(to.type()) || !from.target().equalsIgnoreCase(to.target())) {
            throw new IllegalArgumentException("from and to must be scans of the same target by the same collector;"
                    + " got " + from.type() + " of " + from.target() + " and " + to.type() + " of " + to.target());
        }
        Map<EntityRef, Entity> before = byRef(from);
        Map<EntityRef, Entity> after = byRef(to);
        List<EntityRef> added = after.keySet().stream().filter(ref -> !before.containsKey(ref)).toList();
        List<EntityRef> removed = before.keySet().stream().filter(ref -> !after.containsKey(ref)).toList();
        List<EntityChange> changed = new ArrayList<>();
        before.forEach((ref, old) -> {
            Entity now = after.get(ref);
            if (now != null && !canonical(old.attributes()).equals(canonical(now.attributes()))) {
                changed.add(new EntityChange(ref.kind(), ref.value(), old.attributes(), now.attributes()));
            }
        });
        List<DataChange> records = new ArrayList<>();
        compare("", data(from), data(to), records);
        return new ScanDiff(from.summary(), to.summary(), added, removed, changed, records);
    }

    private static Map<EntityRef, Entity> byRef(HistoryRecord record) {
        Map<EntityRef, Entity> refs = new LinkedHashMap<>();
        record.entities().forEach(e -> refs.put(new EntityRef(e.kind().wireName(), e.value()), e));
        return refs;
    }

    private static Object data(HistoryRecord record) {
        return record.result() == null ? Map.of() : record.result().data();
    }

    private static void compare(String path, Object before, Object after, List<DataChange> changes) {
        if (before instanceof Map<?, ?> a && after instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                compare(path + "/" + pointer(String.valueOf(key)), a.get(key), b.get(key), changes);
            }
        } else if (before instanceof List<?> a && after instanceof List<?> b) {
            List<Object> removed = minus(a, b);
            List<Object> added = minus(b, a);
            if (!added.isEmpty() || !removed.isEmpty()) {
                changes.add(new DataChange(path, added, removed, null, null));
            }
        } else if (!Objects.equals(canonical(before), canonical(after))) {
            changes.add(new DataChange(path, null, null, before, after));
        }
    }

    /** The items of {@code from} not matched by an equal item of {@code other}, counting repeats. */
    private static List<Object> minus(List<?> from, List<?> other) {
        Map<String, Integer> left = new HashMap<>();
        other.forEach(item -> left.merge(canonical(item), 1, Integer::sum));
        List<Object> missing = new ArrayList<>();
        for (Object item : from) {
            String key = canonical(item);
            int count = left.getOrDefault(key, 0);
            if (count > 0) {
                left.put(key, count - 1);
            } else {
                missing.add(item);
            }
        }
        return missing;
    }

    private static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    /** RFC 6901: '~' and '/' in a key are escaped. */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
