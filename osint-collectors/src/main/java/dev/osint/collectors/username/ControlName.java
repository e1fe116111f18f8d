package dev.osint.collectors.username;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A name that surely has no account on a site, to hold a FOUND against: long random letters first (a short name
 * may well be taken), shorter or digits-only ones when the site's name rule wants that, then the catalogue's own
 * {@code username_unclaimed}, then random characters in the shape of the name being checked.
 */
final class ControlName {
    private static final Random RANDOM = new SecureRandom();
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    private ControlName() {}

    /** A random name {@code site} allows and that is not {@code username}, or null when none fits its rule. */
    static String pick(Site site, String username) {
        List<String> candidates = new ArrayList<>();
        for (int length : new int[] {14, 12, 10, 8, 6, 5, 4, 3}) {
            candidates.add(random(LOWER, length));
        }
        for (int length : new int[] {12, 9, 6, 4}) {
            candidates.add(random(DIGITS, 1).replace('0', '1') + random(DIGITS, length - 1));
        }
        candidates.add(random(LOWER, 6) + random(DIGITS, 4));
        if (site.usernameUnclaimed() != null) {
            candidates.add(site.usernameUnclaimed());
        }
        candidates.add(sameShape(username));
        for (String candidate : candidates) {
            if (!candidate.equalsIgnoreCase(username) && site.allows(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Each letter and digit of {@code username} replaced by a random one of the same kind and case. */
    private static String sameShape(String username) {
        StringBuilder out = new StringBuilder(username.length());
        for (char c : username.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append(LOWER.charAt(RANDOM.nextInt(LOWER.length())));
            } else if (c >= 'A' && c <= 'Z') {
                out.append(Character.toUpperCase(LOWER.charAt(RANDOM.nextInt(LOWER.length()))));
            } else if (c >= '0' && c <= '9') {
                out.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
