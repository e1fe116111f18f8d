package dev.osint.collectors.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the readers found in one file: the normalised facts (the first reader to state one wins, so readers state
 * the most reliable source first), every raw tag grouped by where it was found, and warnings about what could not
 * be read. Raw tags stop at the limits; a note says so.
 */
final class FileFacts {
    /** A position, signed decimal degrees; altitude in metres, negative below sea level, null when not given. */
    record Position(double latitude, double longitude, Double altitude, String source) {}

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private final MetadataLimits limits;
    private Position position;
    private final Map<String, String> device = new LinkedHashMap<>();
    private final Map<String, Object> document = new LinkedHashMap<>();
    private final Map<String, Stamp> times = new LinkedHashMap<>();
    private final Map<String, String> people = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> raw = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private String software;
    private String subtype;
    private int tagCount;
    private boolean tagsCut;

    FileFacts(MetadataLimits limits) {
        this.limits = limits;
    }

    void position(double latitude, double longitude, Double altitude, String source) {
        boolean onEarth = Double.isFinite(latitude) && Double.isFinite(longitude) && Math.abs(latitude) <= 90
                && Math.abs(longitude) <= 180;
        if (!onEarth) {
            warn(source + " holds a position that is not on Earth (" + latitude + ", " + longitude + "); ignored");
        } else if (latitude == 0 && longitude == 0) {
            warn(source + " holds the position 0, 0, which devices write when they have no fix; ignored");
        } else if (position == null) {
            position = new Position(latitude, longitude, altitude != null && Double.isFinite(altitude) ? altitude
                    : null, source);
        }
    }

    /** {@code make}, {@code model}, {@code serial}, {@code lens}, {@code owner}. */
    void device(String field, String value) {
        putFirst(device, field, value);
    }

    void software(String value) {
        if (software == null && clean(value) != null) {
            software = clean(value);
        }
    }

    /** {@code created} or {@code modified}. */
    void time(String which, Stamp stamp) {
        times.putIfAbsent(which, stamp);
    }

    /** {@code author}, {@code last_editor}, {@code company}. */
    void person(String role, String value) {
        putFirst(people, role, value);
    }

    /** Other document facts: title, pages, encrypted, producer, application, template, revision, … */
    void document(String field, Object value) {
        if (value instanceof String text) {
            String cleaned = clean(text);
            if (cleaned != null) {
                document.putIfAbsent(field, cleaned);
            }
        } else if (value != null) {
            document.putIfAbsent(field, value);
        }
    }

    /** The precise kind within a family: {@code docx}, {@code odt}, {@code mov}. */
    void subtype(String value) {
        subtype = value;
    }

    void raw(String group, String tag, String value) {
        if (value == null || tag == null) {
            return;
        }
        if (tagCount >= limits.maxTags()) {
            tagsCut = true;
            return;
        }
        String shown = value.length() > limits.maxValueChars() ? value.substring(0, limits.maxValueChars()) + "…"
                : value;
        Map<String, String> tags = raw.computeIfAbsent(group, g -> new LinkedHashMap<>());
        if (tags.putIfAbsent(uniqueIn(tags, tag), shown) == null) {
            tagCount++;
        }
    }

    private static String uniqueIn(Map<String, String> tags, String tag) {
        if (!tags.containsKey(tag)) {
            return tag;
        }
        int n = 2;
        while (tags.containsKey(tag + " (" + n + ")")) {
            n++;
        }
        return tag + " (" + n + ")";
    }

    void warn(String warning) {
        if (warnings.size() < 50 && !warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    private static void putFirst(Map<String, String> map, String key, String value) {
        String cleaned = clean(value);
        if (cleaned != null) {
            map.putIfAbsent(key, cleaned);
        }
    }

    /** Trimmed, control characters and padding NULs removed; null when nothing is left. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = CONTROL.matcher(value).replaceAll("").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    Position position() { return position; }
    Map<String, String> device() { return device; }
    Map<String, Object> document() { return document; }
    Map<String, Stamp> times() { return times; }
    Map<String, String> people() { return people; }
    Map<String, Map<String, String>> raw() { return raw; }
    List<String> warnings() { return warnings; }
    String software() { return software; }
    String subtype() { return subtype; }
    boolean tagsCut() { return tagsCut; }
}
