package dev.osint.collectors.whois;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises the values RDAP and WHOIS spell differently, so that both paths give the same result. */
final class RegistrationValues {
    private static final Pattern REDACTED = Pattern.compile(
            "(?i).*\\b(redacted|not disclosed|withheld|data protected|statutory masking|non-public data)\\b.*");

    private RegistrationValues() {}

    /**
     * An EPP status code ({@code clientTransferProhibited}): WHOIS gives it followed by a URL, RDAP spells it
     * in words ({@code client transfer prohibited}, RFC 8056 §2).
     */
    static String eppStatus(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String code = text.strip().split("\\s+https?://", 2)[0].strip();
        if (!code.contains(" ")) {
            return code;
        }
        String[] words = code.toLowerCase(Locale.ROOT).split("\\s+");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }

    /** An RDAP status as its EPP code; RDAP's "active" is EPP's "ok" for a domain (not for a network). */
    static String rdapStatus(String text, boolean domain) {
        if (text != null && domain && text.strip().equalsIgnoreCase("active")) {
            return "ok";
        }
        return eppStatus(text);
    }

    /** ICANN's DNSSEC values: {@code signedDelegation} or {@code unsigned}; other spellings are kept as given. */
    static String dnssec(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "unsigned", "no", "false", "inactive", "unsigned delegation" -> "unsigned";
            case "signeddelegation", "signed", "yes", "true", "active", "signed delegation" -> "signedDelegation";
            default -> value;
        };
    }

    /** A host name in lower case without a final dot ({@code NS1.GOOGLE.COM.} is {@code ns1.google.com}). */
    static String hostName(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String host = text.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** True for the placeholders registrars publish instead of personal data ("REDACTED FOR PRIVACY", …). */
    static boolean isRedacted(String value) {
        return value != null && REDACTED.matcher(value).matches();
    }

    /** The value, or null when it is empty or a redaction placeholder. */
    static String published(String value) {
        if (value == null || value.isBlank() || isRedacted(value)) {
            return null;
        }
        return value.strip();
    }

    /** A two-letter country code, upper case; "XX" (unknown) and anything else that is no code gives null. */
    static String countryCode(String value) {
        String published = published(value);
        if (published == null || !published.matches("[A-Za-z]{2}") || published.equalsIgnoreCase("XX")) {
            return null;
        }
        return published.toUpperCase(Locale.ROOT);
    }

    /** A phone number without the {@code tel:} of a vCard URI. */
    static String phone(String value) {
        String published = published(value);
        if (published == null) {
            return null;
        }
        return published.regionMatches(true, 0, "tel:", 0, 4) ? published.substring(4) : published;
    }
}
