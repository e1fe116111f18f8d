package dev.osint.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of normalised findings, the same for every collector so results can be correlated. */
public enum EntityKind {
    DOMAIN, SUBDOMAIN, HOSTNAME, IP, NETBLOCK, EMAIL, USERNAME, ACCOUNT, PERSON, ORGANIZATION, PHONE, URL,
    PORT, SERVICE, VULNERABILITY, CERTIFICATE, NAMESERVER, MAIL_SERVER, BREACH, HASH, LOCATION, TECHNOLOGY,
    /** A camera, phone or scanner named by a file's metadata (make, model, serial number). */
    DEVICE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EntityKind fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
