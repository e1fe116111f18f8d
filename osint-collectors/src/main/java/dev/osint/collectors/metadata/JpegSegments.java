package dev.osint.collectors.metadata;

import java.util.Arrays;

/**
 * The part of a JPEG that holds its metadata: the segments before the image data (start of scan), closed with an
 * end-of-image marker. metadata-extractor goes on through the image data byte by byte looking for later segments,
 * which cost most of its time on a photo; and a file cut short inside its headers still gives the segments before
 * the cut. Only segment markers and lengths are read here, never a segment's content.
 */
final class JpegSegments {
    private static final byte[] END_OF_IMAGE = {(byte) 0xFF, (byte) 0xD9};

    /** The headers to read, and whether the file ended before its image data. */
    record Headers(byte[] bytes, boolean truncated) {}

    private JpegSegments() {}

    static Headers headers(byte[] jpeg) {
        int at = 2; // after the start-of-image marker
        while (at + 1 < jpeg.length) {
            if ((jpeg[at] & 0xff) != 0xFF) {
                return new Headers(jpeg, false); // not a marker where one should be: the reader reports it
            }
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xD9) {
                return new Headers(jpeg, false);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2; // markers without a length
                continue;
            }
            if (at + 3 >= jpeg.length) {
                break;
            }
            int end = at + 2 + (((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff));
            if (end > jpeg.length) {
                break;
            }
            if (marker == 0xDA) {
                return new Headers(closed(jpeg, end), false);
            }
            at = end;
        }
        return new Headers(closed(jpeg, Math.min(at, jpeg.length)), true);
    }

    private static byte[] closed(byte[] jpeg, int end) {
        byte[] headers = Arrays.copyOf(jpeg, end + END_OF_IMAGE.length);
        System.arraycopy(END_OF_IMAGE, 0, headers, end, END_OF_IMAGE.length);
        return headers;
    }
}
