package dev.osint.collectors.metadata;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time a file records, as it records it: a local date-time and, when the file says, its UTC offset. EXIF keeps
 * the offset in a separate tag, or not at all; then the offset stays unknown rather than guessed.
 *
 * @param local  ISO-8601 local date-time ({@code 2024-05-01T10:20:30})
 * @param offset {@code +02:00}, {@code Z}, or null when the file does not say
 * @param source where it was read ({@code Exif SubIFD DateTimeOriginal})
 */
record Stamp(String local, String offset, String source) {
    private static final Pattern EXIF = Pattern.compile(
            "(\\d{4})[:-](\\d{2})[:-](\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern OFFSET = Pattern.compile("\\s*(Z|[+-]\\d{2}:?\\d{2})\\s*");

    /** EXIF's {@code 2024:05:01 10:20:30}, XMP's and OOXML's ISO-8601, with an offset given apart or inline. */
    static Optional<Stamp> parse(String text, String offsetText, String source) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = EXIF.matcher(text.strip());
        if (!m.matches() || m.group(1).equals("0000")) {
            return Optional.empty(); // cameras write 0000:00:00 00:00:00 for "not set"
        }
        String local = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + ":" + m.group(5) + ":"
                + (m.group(6) == null ? "00" : m.group(6));
        String offset = normalOffset(m.group(7)).or(() -> normalOffset(offsetText)).orElse(null);
        return Optional.of(new Stamp(local, offset, source));
    }

    static Stamp of(Calendar calendar, String source) {
        OffsetDateTime time = calendar.toInstant().atOffset(ZoneOffset.ofTotalSeconds(
                calendar.getTimeZone().getOffset(calendar.getTimeInMillis()) / 1000));
        return new Stamp(time.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                time.getOffset().getId(), source);
    }

    private static Optional<String> normalOffset(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String value = m.group(1);
        if (value.equals("Z")) {
            return Optional.of("Z");
        }
        String digits = value.replace(":", "");
        return Optional.of(digits.substring(0, 3) + ":" + digits.substring(3));
    }

    /** The time with its offset when known ({@code 2024-05-01T10:20:30+02:00}), else the local time alone. */
    String value() {
        return offset == null ? local : local + offset;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", value());
        map.put("local", local);
        map.put("offset", offset);
        map.put("source", source);
        return map;
    }
}
