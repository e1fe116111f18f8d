package dev.osint.collectors.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * metadata-extractor inflates a PNG's compressed text and ICC chunks whole, so one {@code zTXt} chunk of a megabyte
 * can inflate to gigabytes. This walks the chunk list (lengths and types only), test-inflates each compressed chunk
 * up to a cap, and leaves out the ones that go past it before the PNG is read.
 */
final class PngCompressedChunks {
    private static final List<String> COMPRESSED = List.of("zTXt", "iTXt", "iCCP");
    private static final byte[][] COMPRESSED_TYPES = COMPRESSED.stream()
            .map(type -> type.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
    private static final int SINK_BYTES = 16 * 1024;
    private static final int SIGNATURE = 8;

    private PngCompressedChunks() {}

    static byte[] withoutBombs(byte[] png, int maxInflated, FileFacts facts) {
        ByteArrayOutputStream kept = null; // copied only once a chunk is left out: most files keep every chunk
        int copiedUpTo = 0;
        int at = SIGNATURE;
        byte[] sink = null;
        while (at + 12 <= png.length) {
            long length = ByteBuffer.wrap(png, at, 4).getInt() & 0xffffffffL;
            long end = at + 12 + length;
            if (end > png.length) {
                break; // truncated: the reader reports it
            }
            String type = compressedType(png, at + 4);
            if (type != null) {
                sink = sink == null ? new byte[SINK_BYTES] : sink;
                if (inflatesPast(png, at + 8, (int) length, type, maxInflated, sink)) {
                    facts.warn("PNG " + type + " chunk inflates to more than " + MetadataLimits.describe(maxInflated)
                            + "; it was skipped");
                    kept = kept == null ? new ByteArrayOutputStream(png.length) : kept;
                    kept.write(png, copiedUpTo, at - copiedUpTo);
                    copiedUpTo = (int) end;
                }
            }
            at = (int) end;
        }
        if (kept == null) {
            return png;
        }
        kept.write(png, copiedUpTo, png.length - copiedUpTo);
        return kept.toByteArray();
    }

    /** The chunk type at {@code at} when it is one that holds compressed data, else null. */
    private static String compressedType(byte[] png, int at) {
        for (int i = 0; i < COMPRESSED.size(); i++) {
            if (FileKind.startsWith(png, at, COMPRESSED_TYPES[i])) {
                return COMPRESSED.get(i);
            }
        }
        return null;
    }

    /** Inflates the chunk's compressed part into a small buffer over and over, counting, never keeping it. */
    private static boolean inflatesPast(byte[] png, int start, int length, String type, int maxInflated,
            byte[] sink) {
        int data = start + compressedOffset(png, start, length, type);
        if (data >= start + length) {
            return false;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(png, data, start + length - data);
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
