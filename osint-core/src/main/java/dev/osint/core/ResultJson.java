package dev.osint.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The JSON text of recent scan results, kept beside the result object it was written from. A worker writes a result
 * as JSON once to measure it; the status answer, the final event and the history's row each wrote it again, which
 * was a fifth of an embedded dns scan's CPU end to end. They now take the text from here when it is the text of
 * this very object (identity, not equality), and write the result themselves otherwise.
 *
 * <p>A result is never changed once its task has finished, so its text stays true. Direct-mapped by the object's
 * identity hash, as a processor cache is: no lock, no eviction order; memory bounded by {@link #SLOTS} texts of at
 * most {@link #MAX_CHARS} characters each. A miss (evicted, too large, another process's result) costs a write.
 */
public final class ResultJson {
    static final int SLOTS = 2048;
    static final int MAX_CHARS = 8 * 1024;

    /** An immutable pair, so a slot read without a lock sees both fields as written. */
    private record Slot(ScanResult result, String json) {}

    private static final AtomicReferenceArray<Slot> KEPT = new AtomicReferenceArray<>(SLOTS);

    private ResultJson() {}

    /** Keeps {@code json}, which must be {@code Json.write(result)}, for the readers of this result. */
    public static void remember(ScanResult result, String json) {
        if (result != null && json != null && json.length() <= MAX_CHARS) {
            KEPT.setRelease(slot(result), new Slot(result, json));
        }
    }

    /** The text kept for this very object, else null. */
    public static String remembered(ScanResult result) {
        if (result == null) {
            return null;
        }
        Slot slot = KEPT.getAcquire(slot(result));
        return slot != null && slot.result() == result ? slot.json() : null;
    }

    /** {@code Json.write(result)}, from the kept text when there is one. */
    public static String of(ScanResult result) {
        String json = remembered(result);
        return json != null ? json : Json.write(result);
    }

    private static int slot(ScanResult result) {
        int h = System.identityHashCode(result);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /**
     * A result property written from the kept text ({@code @JsonSerialize(using = ResultJson.Serializer.class)}),
     * else as the mapper writes a {@link ScanResult}: the same bytes either way.
     */
    public static final class Serializer extends StdSerializer<ScanResult> {
        public Serializer() {
            super(ScanResult.class);
        }

        @Override
        public void serialize(ScanResult result, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String json = remembered(result);
            if (json != null) {
                gen.writeRawValue(json);
            } else {
                provider.findValueSerializer(ScanResult.class).serialize(result, gen, provider);
            }
        }
    }
}
