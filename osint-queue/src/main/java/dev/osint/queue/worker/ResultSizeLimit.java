package dev.osint.queue.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.osint.core.Entity;
import dev.osint.core.Json;
import dev.osint.core.ResultJson;
import dev.osint.core.ScanResult;
import dev.osint.core.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one task's result under {@value #SETTING} bytes of JSON, whichever broker stores it: a larger result is
 * trimmed where it is largest (the tail of its longest lists, then its longest texts) until it fits, keeps its
 * shape ({@code data}, {@code entities}, {@code metadata} with the same types), and says so with
 * {@code metadata.truncated: true} and a warning naming what was cut. The size is counted while streaming, never
 * by building the whole JSON text.
 */
public final class ResultSizeLimit {
    public static final String SETTING = "OSINT_MAX_RESULT_BYTES";
    public static final int DEFAULT_BYTES = 16 << 20;
    /** Below this a result could not even hold its own metadata and warning. */
    static final int MIN_BYTES = 64 << 10;
    /** Room kept for the metadata this class adds. */
    private static final int RESERVE = 8 << 10;
    private static final int MAX_ROUNDS = 64;
    /** Results up to this size keep the JSON written to measure them (fit): larger ones are only counted. */
    static final int KEPT_JSON_BYTES = 1 << 20;
    private static final int SHORTEST_CUT_TEXT = 256;
    private static final int MAX_CUTS_LISTED = 10;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<Entity>> ENTITIES = new TypeReference<>() {};
    private static final Logger log = LoggerFactory.getLogger(ResultSizeLimit.class);

    private final int maxBytes;

    public ResultSizeLimit(int maxBytes) {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException(SETTING + " must be at least " + MIN_BYTES + " bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** {@value #SETTING}, 16 MiB by default. */
    public static ResultSizeLimit from(Settings settings) {
        return new ResultSizeLimit(settings.integer(SETTING, DEFAULT_BYTES));
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * A result that fits, and its JSON as {@code Json.write} makes it when the measuring kept it (null when not: a
     * trimmed result, or one over {@link #KEPT_JSON_BYTES}, which the broker writes itself).
     */
    public record Fitted(ScanResult result, String json) {}

    /** The result itself when it fits, else a trimmed copy that fits and says what was cut. */
    public ScanResult apply(ScanResult result) {
        return fit(result).result();
    }

    /**
     * {@link #apply}, keeping the JSON written to measure the result when it is at most {@link #KEPT_JSON_BYTES}:
     * the worker hands it to the broker, which then does not write the result a second time.
     */
    public Fitted fit(ScanResult result) {
        KeepingCount written = new KeepingCount(KEPT_JSON_BYTES);
        try {
            Json.mapper().writeValue(written, result);
        } catch (IOException | RuntimeException e) {
            log.warn("result of {} cannot be measured as JSON ({}); stored as it is", result.collectorName(),
                    e.toString());
            return new Fitted(result, null);
        }
        long size = written.count;
        if (size <= maxBytes) {
            String json = written.text();
            ResultJson.remember(result, json); // the status answer and the history's row take it from there
            return new Fitted(result, json);
        }
        return new Fitted(trimmed(result, size), null);
    }

    private ScanResult trimmed(ScanResult result, long size) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("data", Json.mapper().valueToTree(result.data()));
        root.set("entities", Json.mapper().valueToTree(result.entities()));
        root.set("metadata", Json.mapper().valueToTree(result.metadata()));
        List<String> cuts = trim(root, maxBytes - RESERVE);
        Map<String, Object> metadata = Json.mapper().convertValue(root.get("metadata"), MAP);
        metadata.put("truncated", true);
        List<String> warnings = new ArrayList<>();
        if (metadata.get("warnings") instanceof List<?> earlier) {
            earlier.forEach(w -> warnings.add(String.valueOf(w)));
        }
        String what = cuts.size() <= MAX_CUTS_LISTED ? String.join("; ", cuts)
                : String.join("; ", cuts.subList(0, MAX_CUTS_LISTED)) + "; and " + (cuts.size() - MAX_CUTS_LISTED)
                        + " more cuts";
        warnings.add("the result was " + size + " bytes of JSON, more than " + SETTING + " (" + maxBytes
                + "); cut to fit: " + what);
        metadata.put("warnings", warnings);
        log.warn("result of {} on {} is {} bytes, over {} ({}): {}", result.collectorName(), result.target(), size,
                SETTING, maxBytes, what);
        ScanResult trimmed = new ScanResult(result.id(), result.collectorName(), result.target(), result.success(),
                Json.mapper().convertValue(root.get("data"), MAP),
                Json.mapper().convertValue(root.get("entities"), ENTITIES), result.timestamp(), metadata);
        try {
            if (bytesOf(trimmed) <= maxBytes) {
                return trimmed;
            }
        } catch (IOException e) {
            // measured once already: it cannot fail now; fall through to the empty result
        }
        return new ScanResult(result.id(), result.collectorName(), result.target(), result.success(), Map.of(),
                List.of(), result.timestamp(), Map.of("truncated", true, "warnings", List.of(warnings.getLast())));
    }

    /** Cuts the largest list or text of {@code root} again and again until it fits in {@code budget} bytes. */
    private static List<String> trim(ObjectNode root, long budget) {
        List<String> cuts = new ArrayList<>();
        int nodes = 1024;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<JsonNode, Long> sizes = new IdentityHashMap<>(nodes);
            long total = size(root, sizes);
            nodes = sizes.size();
            if (total <= budget) {
                return cuts;
            }
            Place largest = largest(new Place(root, null, null, -1), sizes, null);
            if (largest == null) {
                break;
            }
            // at most half of it at a time, so that several large lists each keep a share
            long size = sizes.get(largest.node());
            cuts.add(cut(largest, Math.max(size - (total - budget), size / 2), sizes));
        }
        Map<JsonNode, Long> sizes = new IdentityHashMap<>();
        if (size(root, sizes) > budget) {
            // nothing left to cut that is big enough: the shape stays, its contents go
            root.set("data", Json.mapper().createObjectNode());
            root.set("entities", Json.mapper().createArrayNode());
            root.set("metadata", Json.mapper().createObjectNode());
            cuts.add("data, entities and metadata emptied");
        }
        return cuts;
    }

    /** Where a node sits: its parent's place, and its field name or index there; the JSON pointer on demand. */
    private record Place(JsonNode node, Place parent, String field, int index) {
        String pointer() {
            return parent == null ? "" : parent.pointer() + "/" + (field != null ? field : Integer.toString(index));
        }
    }

    /** The largest array with items, or text longer than a few hundred characters, at or under {@code here}. */
    private static Place largest(Place here, Map<JsonNode, Long> sizes, Place best) {
        JsonNode node = here.node();
        boolean cuttable = node.isArray() && !node.isEmpty()
                || node.isTextual() && node.textValue().length() > SHORTEST_CUT_TEXT;
        if (cuttable && (best == null || sizes.get(node) > sizes.get(best.node()))) {
            best = here;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue().isContainerNode() || entry.getValue().isTextual()) {
                    best = largest(new Place(entry.getValue(), here, entry.getKey(), -1), sizes, best);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isContainerNode() || array.get(i).isTextual()) {
                    best = largest(new Place(array.get(i), here, null, i), sizes, best);
                }
            }
        }
        return best;
    }

    /** Cuts the node at {@code place} down to about {@code keep} bytes and says what it did. */
    private static String cut(Place place, long keep, Map<JsonNode, Long> sizes) {
        String where = place.pointer().isEmpty() ? "/" : place.pointer();
        if (place.node() instanceof ArrayNode array) {
            int total = array.size();
            long used = 2;
            int kept = 0;
            while (kept < total && used + sizes.get(array.get(kept)) + 1 <= keep) {
                used += sizes.get(array.get(kept)) + 1;
                kept++;
            }
            // the last items go first: lists are ordered by the collector, the first ones matter most
            kept = Math.min(kept, total - 1);
            while (array.size() > kept) {
                array.remove(array.size() - 1);
            }
            return where + " kept " + kept + " of " + total + " items";
        }
        String text = place.node().textValue();
        int chars = (int) Math.max(0, Math.min(text.length() - 1, keep / 4));
        String shorter = text.substring(0, chars) + "…";
        JsonNode parent = place.parent().node();
        if (parent instanceof ObjectNode object) {
            object.set(place.field(), TextNode.valueOf(shorter));
        } else if (parent instanceof ArrayNode array) {
            array.set(place.index(), TextNode.valueOf(shorter));
        }
        return where + " cut to " + chars + " of " + text.length() + " characters";
    }

    /** The JSON size of {@code node} in UTF-8 bytes, and of each node under it into {@code sizes}. */
    private static long size(JsonNode node, Map<JsonNode, Long> sizes) {
        long size;
        if (node instanceof ObjectNode object) {
            size = 2 + Math.max(0, object.size() - 1);
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                size += quoted(entry.getKey()) + 1 + size(entry.getValue(), sizes);
            }
        } else if (node instanceof ArrayNode array) {
            size = 2 + Math.max(0, array.size() - 1);
            for (JsonNode item : array) {
                size += size(item, sizes);
            }
        } else if (node.isTextual()) {
            size = quoted(node.textValue());
        } else if (node.isNumber()) {
            size = node.asText().length();
        } else if (node.isBoolean()) {
            size = node.booleanValue() ? 4 : 5;
        } else if (node.isNull() || node.isMissingNode()) {
            size = 4;
        } else {
            size = node.toString().length(); // binary or a plain object: rare, and measured the slow way
        }
        sizes.put(node, size);
        return size;
    }

    /** The bytes of {@code text} as a JSON string in UTF-8, quotes and escapes included, without building it. */
    static long quoted(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** How many bytes {@code result} takes as JSON, counted as it streams out. */
    static long bytesOf(Object result) throws IOException {
        CountingStream counter = new CountingStream();
        Json.mapper().writeValue(counter, result);
        return counter.count;
    }

    /** Counts the bytes written and keeps them while they are at most {@code keep}, as most results are. */
    private static final class KeepingCount extends OutputStream {
        private final int keep;
        private byte[] kept = new byte[1024];
        private long count;

        KeepingCount(int keep) {
            this.keep = keep;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            long total = count + len;
            if (kept != null) {
                if (total > keep) {
                    kept = null; // too large to keep: counted only, and written again by the broker
                } else {
                    if (total > kept.length) {
                        kept = Arrays.copyOf(kept, (int) Math.min(keep, Math.max(total, 2L * kept.length)));
                    }
                    System.arraycopy(b, off, kept, (int) count, len);
                }
            }
            count = total;
        }

        /** What was written, or null when it was not kept. */
        String text() {
            return kept == null ? null : new String(kept, 0, (int) count, StandardCharsets.UTF_8);
        }
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
