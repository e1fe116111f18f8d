package dev.osint.collectors.whois;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/** Turns the date spellings registries use into ISO 8601 UTC ({@code 2019-09-30T18:01:15Z}). */
final class UtcDates {
    /** With an offset: RFC 3339 ({@code -05:00}, {@code Z}) and MarkMonitor's {@code +0000}. */
    private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd'T'HH:mm:ss")
                    .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
                    .appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT));
    /** Without an offset, read as UTC: {@code 2024-01-01 12:00:00}, {@code 2024-01-01T12:00:00}. */
    private static final List<DateTimeFormatter> LOCAL_TIME = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT));
    /** Day only: IANA's {@code 1985-01-01}, the old Verisign {@code 11-jan-2009}, {@code 2017/02/28}, {@code 28.02.2017}. */
    private static final List<DateTimeFormatter> DAY_ONLY = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("dd-MMM-yyyy").toFormatter(Locale.ENGLISH),
            DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT),
            DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT));

    private UtcDates() {}

    /** The date in ISO 8601 UTC, or null when {@code text} is empty or in no spelling known here. */
    static String normalise(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        // a trailing " UTC" or " (UTC)" says what a time without offset already means here
        value = value.replaceFirst("(?i)\\s*\\(?UTC\\)?$", "");
        for (DateTimeFormatter format : WITH_OFFSET) {
            try {
                return format(OffsetDateTime.parse(value, format).toInstant());
            } catch (DateTimeParseException ignored) {
                // the next spelling may fit
            }
        }
        for (DateTimeFormatter format : LOCAL_TIME) {
            try {
                return format(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException ignored) {
                // the next spelling may fit
            }
        }
        for (DateTimeFormatter format : DAY_ONLY) {
            try {
                return format(LocalDate.parse(value, format).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException ignored) {
                // the next spelling may fit
            }
        }
        return null;
    }

    private static String format(Instant instant) {
        return instant.toString();
    }
}
