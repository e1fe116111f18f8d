package dev.osint.collectors.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a movie's {@code moov/udta/©xyz} atom: an ISO 6709 position such as {@code +48.8584+002.2945+035.000/}
 * that cameras and phones write into MP4 and QuickTime files. metadata-extractor reads this atom (MP4 only) but
 * keeps only the latitude and longitude, so the atom is found here to keep the altitude too. Only box sizes and
 * types are read on the way; the walk stops at the end of the bytes or at a box that does not fit in its parent.
 */
final class UserDataLocation {
    private static final int MOOV = type("moov");
    private static final int UDTA = type("udta");
    private static final int XYZ = type("\u00a9xyz");
    /** ©xyz holds a 16-bit text length and a 16-bit language code before its text. */
    private static final int TEXT_HEADER = 4;

    private UserDataLocation() {}

    static Optional<String> iso6709(byte[] file) {
        long[] moov = payload(file, 0, file.length, MOOV);
        long[] udta = moov == null ? null : payload(file, moov[0], moov[1], UDTA);
        long[] xyz = udta == null ? null : payload(file, udta[0], udta[1], XYZ);
        if (xyz == null || xyz[1] - xyz[0] < TEXT_HEADER) {
            return Optional.empty();
        }
        int at = (int) xyz[0];
        int length = ((file[at] & 0xff) << 8) | (file[at + 1] & 0xff);
        int text = at + TEXT_HEADER;
        length = (int) Math.min(length, xyz[1] - text);
        return Optional.of(new String(file, text, length, StandardCharsets.ISO_8859_1));
    }

    /** Where the payload of the first box of {@code type} within {@code [from, to)} starts and ends, or null. */
    private static long[] payload(byte[] file, long from, long to, int type) {
        long at = from;
        while (at + 8 <= to) {
            long size = uint32(file, (int) at);
            int header = 8;
            if (size == 1) { // a 64-bit size follows the type
                if (at + 16 > to) {
                    return null;
                }
                size = (uint32(file, (int) at + 8) << 32) | uint32(file, (int) at + 12);
                header = 16;
            } else if (size == 0) { // the box runs to the end of its parent
                size = to - at;
            }
            if (size < header || size > to - at) {
                return null;
            }
            if ((int) uint32(file, (int) at + 4) == type) {
                return new long[] {at + header, at + size};
            }
            at += size;
        }
        return null;
    }

    private static long uint32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    private static int type(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }
}
