package dev.osint.collectors.haveibeenpwned;

import dev.osint.core.CollectorException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pwned Passwords' k-anonymity range search: only the first 5 hex digits of a SHA-1 leave the machine, and the
 * answer's {@code SUFFIX:COUNT} lines are matched here. Padding lines ({@code Add-Padding: true}) count 0.
 */
final class PwnedPasswords {
    static final int PREFIX_LENGTH = 5;
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

    private PwnedPasswords() {}

    /** Refuses anything but a SHA-1, naming what the other hash lengths usually are. */
    static String requireSha1(String hash) {
        if (SHA1.matcher(hash).matches()) {
            return hash.toUpperCase(Locale.ROOT);
        }
        String guess = switch (hash.length()) {
            case 32 -> " (32 hex digits: MD5 or NTLM)";
            case 64 -> " (64 hex digits: SHA-256)";
            case 128 -> " (128 hex digits: SHA-512)";
            default -> "";
        };
        throw new CollectorException("Pwned Passwords takes the SHA-1 of a password (40 hex digits); this hash has "
                + hash.length() + " hex digits" + guess + ". Hash the password with SHA-1 yourself: a plain password"
                + " is never accepted");
    }

    static String prefix(String sha1) {
        return sha1.substring(0, PREFIX_LENGTH);
    }

    /** How often the hash occurs in the range answer; 0 when absent or only present as padding. */
    static long count(String rangeBody, String sha1) {
        String suffix = sha1.substring(PREFIX_LENGTH);
        for (String line : rangeBody.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            if (line.substring(0, colon).strip().equalsIgnoreCase(suffix)) {
                try {
                    return Long.parseLong(line.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    throw new CollectorException("Pwned Passwords sent a malformed answer: a count that is not a"
                            + " number");
                }
            }
        }
        return 0;
    }
}
