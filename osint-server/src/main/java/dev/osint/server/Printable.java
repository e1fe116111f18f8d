package dev.osint.server;

/** Makes a client's value safe to quote in an error: control characters escaped, length capped. */
final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    static String clip(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < value.length() && out.length() < MAX; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < value.length() ? out + "…" : out.toString();
    }
}
