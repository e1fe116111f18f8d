package dev.osint.collectors.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * metadata-extractor inflates a PNG's compressed text and ICC chunks whole, so one {@code zTXt} chunk of a megabyte
 * can inflate to gigabytes. This walks the chunk list (lengths and types only), test-inflates each compressed chunk
 * up to a cap, and leaves out the ones that go past it before the PNG is read.
 */
final class PngCompressedChunks {
    private static final Set<String> COMPRESSED = Set.of("zTXt", "iTXt", "iCCP");
    private static final int SIGNATURE = 8;

    private PngCompressedChunks() {}

    static byte[] withoutBombs(byte[] png, int maxInflated, FileFacts facts) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(png.length);
        kept.write(png, 0, Math.min(SIGNATURE, png.length));
        int at = SIGNATURE;
        boolean dropped = false;
        while (at + 12 <= png.length) {
            long length = ByteBuffer.wrap(png, at, 4).getInt() & 0xffffffffL;
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            long end = at + 12 + length;
            if (end > png.length) {
                break; // truncated: the reader reports it
            }
            if (COMPRESSED.contains(type) && inflatesPast(png, at + 8, (int) length, type, maxInflated)) {
                facts.warn("PNG " + type + " chunk inflates to more than " + MetadataLimits.describe(maxInflated)
                        + "; it was skipped");
                dropped = true;
            } else {
                kept.write(png, at, (int) (end - at));
            }
            at = (int) end;
        }
        if (!dropped) {
            return png;
        }
        kept.write(png, at, png.length - at);
        return kept.toByteArray();
    }

    /** Inflates the chunk's compressed part into a small buffer over and over, counting, never keeping it. */
    private static boolean inflatesPast(byte[] png, int start, int length, String type, int maxInflated) {
        int data = start + compressedOffset(png, start, length, type);
        if (data >= start + length) {
            return false;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(png, data, start + length - data);
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
                int n = inflater.inflate(sink);
                total += n;
                if (total > maxInflated) {
                    return true;
                }
                if (n == 0 && inflater.getRemaining() == 0) {
                    break;
                }
            }
            return false;
        } catch (DataFormatException e) {
            return false; // not valid zlib: the reader reports it
        } finally {
            inflater.end();
        }
    }

    /** Where the zlib stream starts: after the keyword's NUL and the method byte (iTXt: flag, method, two texts). */
    private static int compressedOffset(byte[] png, int start, int length, String type) {
        int nul = indexOfNul(png, start, start + length);
        if (nul < 0) {
            return length;
        }
        if (!type.equals("iTXt")) {
            return nul + 2 - start;
        }
        if (nul + 1 >= start + length || png[nul + 1] == 0) {
            return length; // an uncompressed iTXt
        }
        int language = indexOfNul(png, nul + 3, start + length);
        int translated = language < 0 ? -1 : indexOfNul(png, language + 1, start + length);
        return translated < 0 ? length : translated + 1 - start;
    }

    private static int indexOfNul(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
