package dev.osint.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a scan target is; each collector accepts some of these. {@code FILE} is a file uploaded with the scan
 * ({@code POST /api/v1/scan/upload}): it is never read from typed text, and its value is the file's name.
 */
public enum TargetKind {
    DOMAIN, IP, CIDR, EMAIL, USERNAME, URL, HASH, PHONE, PERSON_NAME, FILE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TargetKind fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
