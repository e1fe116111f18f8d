package dev.osint.collectors.metadata;

import dev.osint.core.FileSizeLimit;
import dev.osint.core.Settings;
import java.time.Duration;

/**
 * How much of a hostile file the collector will read. Only the file size and the fetch deadline are settings; the
 * rest are fixed caps well above what real documents need.
 *
 * @param maxBytes        the largest file fetched or uploaded ({@value #MAX_BYTES_SETTING})
 * @param fetchTimeout    the deadline of one fetch, headers and body ({@value #TIMEOUT_SETTING})
 * @param zipMaxEntries   entries an office document may have
 * @param zipMaxInflated  bytes all its entries may inflate to together
 * @param zipMaxRatio     how many times its size a document may inflate to
 * @param partMaxBytes    the largest XML part (properties, XMP packet) read
 * @param pdfMaxMemory    the memory PDFBox may use for the streams it decodes
 * @param maxTags         raw tags listed, in all
 * @param maxValueChars   characters of one raw value kept
 */
public record MetadataLimits(long maxBytes, Duration fetchTimeout, int zipMaxEntries, long zipMaxInflated,
                             int zipMaxRatio, int partMaxBytes, long pdfMaxMemory, int maxTags, int maxValueChars) {
    public static final String MAX_BYTES_SETTING = FileSizeLimit.SETTING;
    public static final String TIMEOUT_SETTING = "OSINT_METADATA_TIMEOUT";
    public static final long DEFAULT_MAX_BYTES = FileSizeLimit.DEFAULT_BYTES;
    public static final MetadataLimits DEFAULTS = new MetadataLimits(DEFAULT_MAX_BYTES, Duration.ofSeconds(30),
            10_000, 256L << 20, 100, 4 << 20, 64L << 20, 5_000, 2_000);

    public static MetadataLimits from(Settings settings) {
        long maxBytes = maxBytes(settings);
        Duration timeout = settings.seconds(TIMEOUT_SETTING, DEFAULTS.fetchTimeout.toSeconds());
        if (timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_SETTING + " must be more than 0 seconds");
        }
        return new MetadataLimits(maxBytes, timeout, DEFAULTS.zipMaxEntries, DEFAULTS.zipMaxInflated,
                DEFAULTS.zipMaxRatio, DEFAULTS.partMaxBytes, DEFAULTS.pdfMaxMemory, DEFAULTS.maxTags,
                DEFAULTS.maxValueChars);
    }

    /** {@value #MAX_BYTES_SETTING}: also what the upload route accepts. */
    public static long maxBytes(Settings settings) {
        return FileSizeLimit.maxBytes(settings);
    }

    /** {@code 50 MiB} or {@code 1234 bytes}, for messages. */
    static String describe(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes + " bytes";
    }
}
