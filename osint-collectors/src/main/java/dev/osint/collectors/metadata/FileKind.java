package dev.osint.collectors.metadata;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The formats the collector reads, told apart by their first bytes; a file's name and Content-Type are ignored. */
enum FileKind {
    JPEG("image/jpeg", FileType.Jpeg), PNG("image/png", FileType.Png), TIFF("image/tiff", FileType.Tiff),
    WEBP("image/webp", FileType.WebP), HEIF("image/heif", FileType.Heif), GIF("image/gif", FileType.Gif),
    MP4("video/mp4", FileType.Mp4), MOV("video/quicktime", FileType.QuickTime),
    PDF("application/pdf", null),
    /** A zip archive: an office document (OOXML or ODF) once its parts say so. */
    ZIP("application/zip", null),
    UNKNOWN("application/octet-stream", null);

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    /** Readers accept a PDF header anywhere in the first kilobyte; so does this. */
    private static final int PDF_HEADER_WINDOW = 1024;

    private final String mime;
    private final FileType imageType;

    FileKind(String mime, FileType imageType) {
        this.mime = mime;
        this.imageType = imageType;
    }

    String mime() {
        return mime;
    }

    /** The type metadata-extractor reads this kind as; null for kinds it does not read. */
    FileType imageType() {
        return imageType;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FileKind of(byte[] bytes) {
        if (startsWith(bytes, 0, new byte[] {'P', 'K', 3, 4})) {
            return ZIP;
        }
        FileType detected;
        try {
            // a ByteArrayInputStream marks and resets by itself: no buffered copy of the file
            detected = FileTypeDetector.detectFileType(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return UNKNOWN;
        }
        for (FileKind kind : values()) {
            if (kind.imageType == detected) {
                return kind;
            }
        }
        // after the image signatures, which sit at offset 0: a PNG with a PDF behind it is a (broken) PNG
        if (indexOf(bytes, PDF_MAGIC, PDF_HEADER_WINDOW) >= 0) {
            return PDF;
        }
        // camera raw formats are TIFF files; a plain TIFF whose first directory sits at offset 8 is taken for ARW
        return switch (detected) {
            case Arw, Cr2, Nef, Orf, Rw2 -> TIFF;
            default -> UNKNOWN;
        };
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int window) {
        int end = Math.min(bytes.length - needle.length, window);
        for (int i = 0; i <= end; i++) {
            if (startsWith(bytes, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** The first bytes in hex and as text, for a message about a file nobody recognises. */
    static String describeStart(byte[] bytes) {
        int n = Math.min(8, bytes.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", b));
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return n == 0 ? "nothing (the file is empty)" : hex + " ('" + text + "')";
    }
}
