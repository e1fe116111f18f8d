package dev.osint.history.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * STIX 2.1 identifiers that are the same on every export of the same thing. An SCO's id is, as the standard
 * says (section 2.9), a UUIDv5 in the namespace {@code 00abedb4-aa42-4a18-9cc5-6b2f5d6c3f7f} of the canonical
 * JSON (RFC 8785) of its ID contributing properties; SDOs and relationships use a UUIDv5 of a key of their own in
 * this project's namespace.
 */
final class StixIds {
    static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-4a18-9cc5-6b2f5d6c3f7f");
    /** This project's namespace: the UUIDv5 of "osint" in the SCO namespace. */
    static final UUID OSINT_NAMESPACE = uuid5(SCO_NAMESPACE, "osint");
    /** Sorted keys and no spaces: RFC 8785 for the strings and small integers these objects hold. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private StixIds() {}

    /** {@code type--uuid5(canonical JSON of the contributing properties)}. */
    static String sco(String type, Map<String, Object> contributing) {
        try {
            return type + "--" + uuid5(SCO_NAMESPACE, CANONICAL.writeValueAsString(new TreeMap<>(contributing)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code type--uuid5(key)} in this project's namespace. */
    static String of(String type, String key) {
        return type + "--" + uuid5(OSINT_NAMESPACE, type + "|" + key);
    }

    /** RFC 4122 section 4.3, with SHA-1. */
    static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
