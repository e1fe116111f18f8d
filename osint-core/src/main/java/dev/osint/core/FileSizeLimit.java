package dev.osint.core;

/**
 * The largest file a scan fetches or accepts as an upload ({@value #SETTING}): read by the upload route and by the
 * collectors that read files, so the API need not depend on the collectors to know it.
 */
public final class FileSizeLimit {
    public static final String SETTING = "OSINT_METADATA_MAX_BYTES";
    public static final long DEFAULT_BYTES = 50L << 20;

    private FileSizeLimit() {}

    /** The setting's value in bytes, checked: between 1024 and what a byte array can hold with room for a header. */
    public static long maxBytes(Settings settings) {
        long value = settings.get(SETTING).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SETTING + " must be a whole number of bytes, got '" + v + "'");
            }
        }).orElse(DEFAULT_BYTES);
        if (value < 1024 || value > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(SETTING + " must be between 1024 and " + (Integer.MAX_VALUE - 64)
                    + " bytes, got " + value);
        }
        return value;
    }
}
