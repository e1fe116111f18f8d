package dev.osint.collectors.identity;

import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import java.util.Locale;

/**
 * Something that names a person and can be scanned: an email, a username, a name, a phone number or a domain.
 * Values are compared in lower case (except names, kept as written), so {@code JDoe} and {@code jdoe} are one.
 */
public record Identifier(TargetKind kind, String value) {
    public Identifier {
        value = switch (kind) {
            case PERSON_NAME -> value.strip().replaceAll("\\s+", " ");
            case URL -> value.strip(); // a URL's path is case-sensitive
            default -> value.strip().toLowerCase(Locale.ROOT);
        };
    }

    public static Identifier of(Target target) {
        return new Identifier(target.kind(), target.value());
    }

    public static Identifier email(String value) {
        return new Identifier(TargetKind.EMAIL, value);
    }

    public static Identifier username(String value) {
        return new Identifier(TargetKind.USERNAME, value);
    }

    public static Identifier domain(String value) {
        return new Identifier(TargetKind.DOMAIN, value);
    }

    /** The graph node id and the key of the seen set: {@code kind:value}. */
    public String key() {
        String normal = kind == TargetKind.PERSON_NAME ? value.toLowerCase(Locale.ROOT) : value;
        return kind.wireName() + ":" + normal;
    }

    @Override
    public String toString() {
        return key();
    }
}
