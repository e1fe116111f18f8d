package dev.osint.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable map that keeps its entries in the order it was given them, in one array of keys and values. For
 * the small maps a task keeps as long as the in-process broker keeps the task (its options, its result's metadata):
 * five entries take 80 bytes here against about 470 in a {@link LinkedHashMap} (its table, an object per entry,
 * and the key and entry views it caches once iterated), and every byte a kept task holds is copied by each young
 * collection it lives through. A lookup scans the array, which for a handful of entries costs no more than hashing.
 * Keys and values may be null, as in a {@link LinkedHashMap}; equality and hash code are those of any {@link Map}.
 */
public final class CompactMap<K, V> extends AbstractMap<K, V> {
    /** key 0, value 0, key 1, value 1, … */
    private final Object[] keysAndValues;

    private CompactMap(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /** The entries of {@code map} in its iteration order; an empty map gives {@link Map#of()}. */
    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        Object[] keysAndValues = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            keysAndValues[i++] = entry.getKey();
            keysAndValues[i++] = entry.getValue();
        }
        if (i != keysAndValues.length) {
            throw new IllegalArgumentException("the map changed while it was copied");
        }
        return new CompactMap<>(keysAndValues);
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : (V) keysAndValues[i + 1];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (Objects.equals(keysAndValues[i], key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return CompactMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<K, V> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<K, V> entry = new SimpleImmutableEntry<>((K) keysAndValues[next],
                                (V) keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }
        };
    }
}
