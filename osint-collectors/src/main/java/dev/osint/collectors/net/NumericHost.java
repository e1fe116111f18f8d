package dev.osint.collectors.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises hosts made only of numbers, the way C's {@code inet_aton} and browsers read them: {@code 2130706433},
 * {@code 0x7f.1} and {@code 0177.0.0.1} all mean 127.0.0.1, and a filter that knows only dotted quads misses them.
 */
final class NumericHost {
    private static final Pattern PART = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final Pattern CANONICAL = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** What a numeric host turned out to be. */
    record Reading(boolean canonical, Optional<InetAddress> address) {}

    private NumericHost() {}

    /** Empty when {@code host} holds a letter outside hex notation, i.e. is a name to resolve. */
    static Optional<Reading> read(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        String[] parts = lower.split("\\.", -1);
        if (parts.length == 0 || parts.length > 4) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        boolean canonical = CANONICAL.matcher(lower).matches() && allBelow256(parts);
        return Optional.of(new Reading(canonical, asAddress(parts)));
    }

    private static boolean allBelow256(String[] parts) {
        for (String part : parts) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** inet_aton: each leading part is one byte, the last part fills the bytes left. */
    private static Optional<InetAddress> asAddress(String[] parts) {
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        long result = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            result |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        int lastBytes = 4 - (values.length - 1);
        if (last >= 1L << (8 * lastBytes)) {
            return Optional.empty();
        }
        result |= last;
        byte[] bytes = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String part) {
        try {
            if (part.startsWith("0x")) {
                return Optional.of(part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16));
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Optional.of(Long.parseLong(part.substring(1), 8));
            }
            return Optional.of(Long.parseLong(part));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
