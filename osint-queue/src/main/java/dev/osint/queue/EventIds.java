package dev.osint.queue;

import java.util.regex.Pattern;

/**
 * Event ids as both brokers make them: {@code <ms>-<n>}, as Redis Stream ids are, increasing in that order. An id
 * a client sends back (SSE's {@code Last-Event-ID}) is checked here before a broker sees it.
 */
public final class EventIds {
    /** The id before every event: reading after it replays everything still kept. */
    public static final String START = "0-0";
    private static final Pattern SHAPE = Pattern.compile("\\d{1,19}(-\\d{1,19})?");

    private EventIds() {}

    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches() && parse(id) != null;
    }

    /** Negative, zero or positive as {@code a} comes before, is, or comes after {@code b}. */
    public static int compare(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        int byMillis = Long.compareUnsigned(x[0], y[0]);
        return byMillis != 0 ? byMillis : Long.compareUnsigned(x[1], y[1]);
    }

    public static String of(long millis, long sequence) {
        return millis + "-" + sequence;
    }

    public static long[] parse(String id) {
        int dash = id.indexOf('-');
        try {
            return dash < 0 ? new long[] {Long.parseLong(id), 0}
                    : new long[] {Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
