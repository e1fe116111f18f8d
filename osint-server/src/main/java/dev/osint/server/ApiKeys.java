package dev.osint.server;

import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API keys the server accepts, from {@code OSINT_API_KEYS} (comma-separated) and the lines of the file named by
 * {@code OSINT_API_KEYS_FILE} ({@code #} starts a comment). An entry is {@code [NAME:]KEY[;admin]}, or
 * {@code [NAME:]sha256:HEX[;admin]} with the key's SHA-256 digest in place of the key, so that the file need not hold
 * it. Only digests are kept; a presented key is hashed and compared with every digest in constant time.
 */
public final class ApiKeys {
    public static final String KEYS_SETTING = "OSINT_API_KEYS";
    public static final String KEYS_FILE_SETTING = "OSINT_API_KEYS_FILE";
    /** What `osint keys create` makes: 32 random bytes, 43 characters of URL-safe base64. */
    private static final int NEW_KEY_BYTES = 32;
    private static final int MIN_KEY_LENGTH = 16;
    private static final int MAX_KEY_LENGTH = 512;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~+/=-]{" + MIN_KEY_LENGTH + "," + MAX_KEY_LENGTH + "}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String DIGEST_PREFIX = "sha256:";
    private static final Pattern DIGEST = Pattern.compile("(?:([^:]*):)?" + DIGEST_PREFIX + "([0-9a-fA-F]{64})");
    private static final String ADMIN = "admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte[] digest, Caller caller) {}

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No keys: the API serves anonymous callers. */
    public static final ApiKeys NONE = new ApiKeys(List.of());

    /**
     * The keys of {@code OSINT_API_KEYS} and {@code OSINT_API_KEYS_FILE} together.
     *
     * @throws IllegalArgumentException an entry is malformed, a key or name is given twice, or the file cannot be
     *                                  read; the message names the setting and the entry, never the key
     */
    public static ApiKeys from(Settings settings) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Optional<String> listed = settings.get(KEYS_SETTING);
        if (listed.isPresent()) {
            String[] items = listed.get().split(",");
            for (int i = 0; i < items.length; i++) {
                if (!items[i].isBlank()) {
                    entries.add(entry(items[i].strip(), KEYS_SETTING + " entry " + (i + 1), ids, entries));
                }
            }
        }
        Optional<String> file = settings.get(KEYS_FILE_SETTING);
        if (file.isPresent()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file.get()), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(KEYS_FILE_SETTING + " names a file that cannot be read: "
                        + file.get());
            }
            int before = entries.size();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    entries.add(entry(line, KEYS_FILE_SETTING + " line " + (i + 1), ids, entries));
                }
            }
            if (entries.size() == before) {
                throw new IllegalArgumentException(KEYS_FILE_SETTING + " names a file with no key in it: " + file.get()
                        + "; add a line made by `osint keys create`");
            }
        }
        return new ApiKeys(entries);
    }

    private static Entry entry(String text, String where, Set<String> ids, List<Entry> earlier) {
        String rest = text;
        boolean admin = false;
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            String flag = rest.substring(semicolon + 1).strip();
            if (!flag.equals(ADMIN)) {
                throw new IllegalArgumentException(where + ": after ';' only 'admin' may follow, got '"
                        + Printable.clip(flag) + "'");
            }
            admin = true;
            rest = rest.substring(0, semicolon).strip();
        }
        String name = null;
        byte[] digest;
        Matcher given = DIGEST.matcher(rest);
        if (given.matches()) {
            name = given.group(1) == null ? null : checkedName(given.group(1).strip(), where);
            digest = HexFormat.of().parseHex(given.group(2).toLowerCase(Locale.ROOT));
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                name = checkedName(rest.substring(0, colon).strip(), where);
                rest = rest.substring(colon + 1).strip();
            }
            if (!KEY.matcher(rest).matches()) {
                // the entry may hold a real key: it is never quoted
                throw new IllegalArgumentException(where + ": a key is " + MIN_KEY_LENGTH + " to " + MAX_KEY_LENGTH
                        + " of A-Z a-z 0-9 . _ ~ + / = - (the form is [NAME:]KEY[;admin]); make one with"
                        + " `osint keys create`");
            }
            digest = sha256(rest);
        }
        for (Entry other : earlier) {
            if (MessageDigest.isEqual(other.digest(), digest)) {
                throw new IllegalArgumentException(where + ": the same key is listed twice (" + other.caller().id()
                        + ")");
            }
        }
        String id = name != null ? name : fingerprint(digest);
        if (!ids.add(id)) {
            throw new IllegalArgumentException(where + ": the name '" + id + "' is given to two keys");
        }
        return new Entry(digest, new Caller(id, id, admin));
    }

    private static String checkedName(String name, String where) {
        if (!NAME.matcher(name).matches() || name.startsWith("key-") || name.equals(TaskRecord.LOCAL_OWNER)
                || name.equals("sha256")) {
            throw new IllegalArgumentException(where + ": a name is 1 to 64 of A-Z a-z 0-9 . _ - (not 'local' or"
                    + " 'sha256', not starting with 'key-'), as in NAME:KEY");
        }
        return name;
    }

    /** The caller whose key this is; every digest is compared, so the time taken says nothing about which. */
    public Optional<Caller> find(String presented) {
        byte[] digest = sha256(presented);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** A new random key: 256 bits from {@link SecureRandom}, URL-safe base64 without padding. */
    public static String newKey() {
        byte[] bytes = new byte[NEW_KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The id of a key given without a name: {@code key-} and the first 12 hex digits of its SHA-256. */
    public static String idOf(String key) {
        return fingerprint(sha256(key));
    }

    /** {@code sha256:HEX}: the key's digest, which an entry may give in place of the key. */
    public static String digestOf(String key) {
        return DIGEST_PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    private static String fingerprint(byte[] digest) {
        return "key-" + HexFormat.of().formatHex(digest, 0, 6);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
