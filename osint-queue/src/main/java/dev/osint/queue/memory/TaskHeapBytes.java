package dev.osint.queue.memory;

import dev.osint.core.Entity;
import dev.osint.core.ScanResult;
import dev.osint.core.TaskRecord;
import java.util.Collection;
import java.util.Map;

/**
 * About how many bytes of heap a finished task holds: what bounds the in-memory history backlog in bytes, so that
 * its share of the heap does not depend on the size of the results. An estimate for a 64-bit JVM with compressed
 * pointers, counting every object the task reaches as its own (shared strings included, map keys not), so it errs
 * on the large side: a ping task is estimated at ~1.9 KB and holds ~1.1 KB (class histograms under a flood).
 */
final class TaskHeapBytes {
    /**
     * What every finished task waiting for the writer holds besides its texts, options and result: the record (88),
     * its three state changes, their list and their five {@code Instant}s (~250), the target, the line's node and a
     * boxed number or two (~100).
     */
    static final int TASK = 450;
    /** The result's record (48) and its collector's metadata map (~80 for its array; its values counted). */
    static final int RESULT = 130;
    /** A map's entry (a compact map's two slots, a hash map's node); keys are not counted, mostly shared names. */
    private static final int MAP_ENTRY = 32;
    /** Deeper than this, nested maps and lists are counted by a flat guess, not walked. */
    private static final int MAX_DEPTH = 32;

    private TaskHeapBytes() {}

    static long of(TaskRecord task) {
        long bytes = TASK + text(task.id()) + text(task.type()) + text(task.stage()) + text(task.error())
                + text(task.worker()) + text(task.parentId()) + text(task.owner()) + text(task.queue())
                + (task.target() == null ? 0 : text(task.target().value())) + value(task.options(), 0);
        ScanResult result = task.result();
        if (result != null) {
            bytes += RESULT + text(result.id()) + text(result.collectorName()) + text(result.target())
                    + value(result.data(), 0) + value(result.entities(), 0) + value(result.metadata(), 0);
        }
        return bytes;
    }

    /** A string: its object (24) and its array (16 and a byte a character, Latin-1; two for any other text). */
    static long text(String s) {
        if (s == null) {
            return 0;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x100) {
                return 40 + align(2L * s.length());
            }
        }
        return 40 + align(s.length());
    }

    private static long value(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (depth > MAX_DEPTH) {
            return 64;
        }
        return switch (value) {
            case String s -> text(s);
            case Map<?, ?> map -> {
                long bytes = 48 + (long) MAP_ENTRY * map.size();
                for (Object entry : map.values()) {
                    bytes += value(entry, depth + 1);
                }
                yield bytes;
            }
            case Collection<?> items -> {
                long bytes = 40 + align(4L * items.size());
                for (Object item : items) {
                    bytes += value(item, depth + 1);
                }
                yield bytes;
            }
            case Entity entity -> 40 + text(entity.value()) + text(entity.source())
                    + value(entity.attributes(), depth + 1);
            case Number ignored -> 24;
            case Boolean ignored -> 0; // Boolean.TRUE and FALSE
            default -> 32;
        };
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
