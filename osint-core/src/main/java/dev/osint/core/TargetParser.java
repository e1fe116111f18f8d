package dev.osint.core;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what a user typed into a {@link Target} of a kind the collector accepts, or says why not.
 * Kinds are tried from the most specific (ip) to the least (username), so "john.doe" is a domain
 * for dns and a username for username.
 */
public final class TargetParser {
    public static final int MAX_LENGTH = 2048;
    private static final int MAX_DOMAIN = 253;

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern NUMERIC = Pattern.compile("\\d+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,24}");
    /** A fediverse handle, {@code @user@instance.social}: the leading {@code @} tells it from an email address. */
    private static final Pattern FEDIVERSE_HANDLE = Pattern.compile("@([^@]+)@([^@]+)");
    private static final Pattern PERSON_NAME = Pattern.compile("[\\p{L}][\\p{L}'’.-]*( [\\p{L}][\\p{L}'’.-]*){1,5}");

    /** Most specific first: a 40-hex string is a hash before it is a username. */
    private static final List<TargetKind> SPECIFICITY = List.of(TargetKind.IP, TargetKind.CIDR, TargetKind.EMAIL,
            TargetKind.URL, TargetKind.HASH, TargetKind.PHONE, TargetKind.DOMAIN, TargetKind.PERSON_NAME,
            TargetKind.USERNAME);

    private TargetParser() {}

    /** Parses {@code raw} as the first of {@code accepted} kinds that fits, trying specific kinds first. */
    public static Target parse(String raw, Set<TargetKind> accepted) {
        String value = clean(raw, accepted);
        for (TargetKind kind : SPECIFICITY) {
            if (accepted.contains(kind)) {
                Optional<String> normalised = normalise(kind, value);
                if (normalised.isPresent()) {
                    return new Target(kind, normalised.get());
                }
            }
        }
        throw new InvalidTargetException(explain(value, accepted), accepted);
    }

    /** Parses {@code raw} as exactly {@code kind}. */
    public static Target parseAs(String raw, TargetKind kind) {
        return parse(raw, EnumSet.of(kind));
    }

    /** The kinds this value could be, most specific first; empty when it is none of them. */
    public static Set<TargetKind> kindsOf(String value) {
        Set<TargetKind> kinds = EnumSet.noneOf(TargetKind.class);
        for (TargetKind kind : TargetKind.values()) {
            if (normalise(kind, value).isPresent()) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private static String clean(String raw, Set<TargetKind> accepted) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidTargetException("must not be empty", accepted);
        }
        for (int i = 0; i < raw.length(); i++) {
            int type = Character.getType(raw.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT) {
                throw new InvalidTargetException(String.format(
                        "contains a control character (U+%04X) at position %d; CR, LF, NUL and other control"
                                + " characters are refused", (int) raw.charAt(i), i), accepted);
            }
        }
        String value = raw.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidTargetException("is " + value.length() + " characters long; at most " + MAX_LENGTH
                    + " are accepted", accepted);
        }
        return value;
    }

    private static String explain(String value, Set<TargetKind> accepted) {
        Set<TargetKind> actual = kindsOf(value);
        Set<TargetKind> typed = EnumSet.noneOf(TargetKind.class);
        typed.addAll(accepted);
        typed.remove(TargetKind.FILE); // a file is uploaded, never typed: no use naming it here
        String acceptedNames = names(typed.isEmpty() ? accepted : typed);
        // username and person name match almost anything: a dotted value meant as a domain is explained as one
        Set<TargetKind> specific = EnumSet.copyOf(actual.isEmpty() ? EnumSet.of(TargetKind.USERNAME) : actual);
        specific.removeAll(EnumSet.of(TargetKind.USERNAME, TargetKind.PERSON_NAME));
        if (accepted.contains(TargetKind.DOMAIN) && value.contains(".") && specific.isEmpty()) {
            return "'" + shorten(value) + "' is not a valid domain: " + domainProblem(value);
        }
        if (!actual.isEmpty()) {
            return "'" + shorten(value) + "' looks like " + names(actual) + ", but this collector accepts "
                    + acceptedNames;
        }
        String why = accepted.contains(TargetKind.USERNAME) ? Usernames.problem(value.startsWith("@")
                ? value.substring(1) : value) : "";
        return "'" + shorten(value) + "' is not a valid " + acceptedNames.replace(", ", " or ")
                + (why.isEmpty() ? "" : ": it " + why);
    }

    private static String names(Set<TargetKind> kinds) {
        return kinds.stream().map(TargetKind::wireName).sorted().collect(Collectors.joining(", "));
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    static Optional<String> normalise(TargetKind kind, String value) {
        return switch (kind) {
            case IP -> ip(value);
            case CIDR -> cidr(value);
            case EMAIL -> email(value);
            case URL -> url(value);
            case HASH -> HASH.matcher(value).matches() ? Optional.of(value.toLowerCase(Locale.ROOT)) : Optional.empty();
            case PHONE -> phone(value);
            case DOMAIN -> domain(value);
            case PERSON_NAME -> PERSON_NAME.matcher(value).matches() && value.length() <= 100
                    ? Optional.of(value.replaceAll(" +", " ")) : Optional.empty();
            case USERNAME -> username(value);
            case FILE -> Optional.empty(); // only the upload route makes a file target
        };
    }

    private static Optional<String> ip(String value) {
        if (IPV4.matcher(value).matches()) {
            return Optional.of(value);
        }
        if (value.indexOf(':') >= 0 && value.length() <= 45 && IPV6_CHARS.matcher(value).matches()) {
            try {
                // a literal made only of hex digits, colons and dots is parsed, never looked up
                return Optional.of(InetAddress.getByName(value).getHostAddress().toLowerCase(Locale.ROOT));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<String> address = ip(value.substring(0, slash));
        String prefix = value.substring(slash + 1);
        if (address.isEmpty() || !prefix.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int max = address.get().contains(":") ? 128 : 32;
        int bits = Integer.parseInt(prefix);
        return bits <= max ? Optional.of(address.get() + "/" + bits) : Optional.empty();
    }

    private static Optional<String> email(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || value.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = value.substring(0, at);
        if (!EMAIL_LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return Optional.empty();
        }
        return domain(value.substring(at + 1)).map(d -> local.toLowerCase(Locale.ROOT) + "@" + d);
    }

    private static Optional<String> url(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            if (host == null) {
                return Optional.empty();
            }
            String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (ip(bareHost).isEmpty() && domain(bareHost).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(uri.normalize().toString());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> phone(String value) {
        if (!PHONE.matcher(value).matches()) {
            return Optional.empty();
        }
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() < 7 || digits.length() > 15) {
            return Optional.empty();
        }
        return Optional.of(value.startsWith("+") ? "+" + digits : digits);
    }

    private static Optional<String> domain(String value) {
        return domainProblem(value).isEmpty() ? Optional.of(toAscii(value)) : Optional.empty();
    }

    /** Empty when {@code value} is a valid domain; otherwise what is wrong with it. */
    private static String domainProblem(String value) {
        String trimmed = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        String[] labels = trimmed.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].isEmpty()) {
                return "has an empty label";
            }
            if (labels[i].length() > 63) {
                return "label '" + shorten(labels[i]) + "' is longer than 63 characters";
            }
            try {
                labels[i] = idnToAscii(labels[i]).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return "label '" + shorten(labels[i]) + "' cannot be converted to punycode (" + e.getMessage() + ")";
            }
        }
        if (String.join(".", labels).length() > MAX_DOMAIN) {
            return "longer than " + MAX_DOMAIN + " characters";
        }
        if (labels.length < 2) {
            return "needs at least two labels, such as example.com";
        }
        for (String label : labels) {
            if (label.length() > 63) {
                return "label '" + shorten(label) + "' is longer than 63 characters";
            }
            if (!LABEL.matcher(label).matches()) {
                return "label '" + shorten(label) + "' may hold only letters, digits, '-' and '_', and may not"
                        + " start or end with '-'";
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return "the top-level label is numeric";
        }
        return "";
    }

    private static String toAscii(String value) {
        String trimmed = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        return idnToAscii(trimmed).toLowerCase(Locale.ROOT);
    }

    /**
     * {@link IDN#toASCII(String, int)}, which leaves ASCII as it is (nameprep and punycode apply only past ASCII;
     * its one check on ASCII, empty or over-long labels, is made by {@link #domainProblem} first): nearly every
     * target is ASCII, and the JDK's conversion copied it through buffers on every submission.
     */
    private static String idnToAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return IDN.toASCII(value, IDN.ALLOW_UNASSIGNED);
            }
        }
        return value;
    }

    private static Optional<String> username(String value) {
        java.util.regex.Matcher handle = FEDIVERSE_HANDLE.matcher(value);
        if (handle.matches()) {
            Optional<String> instance = domain(handle.group(2));
            return Usernames.normalise(handle.group(1)).flatMap(user -> instance.map(d -> "@" + user + "@" + d));
        }
        String name = value.startsWith("@") ? value.substring(1) : value;
        return Usernames.normalise(name);
    }
}
