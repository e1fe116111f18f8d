package dev.osint.collectors.metadata;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** MD5, SHA-1 and SHA-256 of a file, in lower-case hex, for looking it up elsewhere (VirusTotal, a case file). */
final class FileHashes {
    /** Each slice goes through the three digests while it is still in the CPU's cache: one pass over the file. */
    private static final int SLICE = 32 * 1024;

    private FileHashes() {}

    static Map<String, String> of(byte[] bytes) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest sha256 = digest("SHA-256");
        for (int at = 0; at < bytes.length; at += SLICE) {
            int length = Math.min(SLICE, bytes.length - at);
            md5.update(bytes, at, length);
            sha1.update(bytes, at, length);
            sha256.update(bytes, at, length);
        }
        HexFormat hex = HexFormat.of();
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("md5", hex.formatHex(md5.digest()));
        hashes.put("sha1", hex.formatHex(sha1.digest()));
        hashes.put("sha256", hex.formatHex(sha256.digest()));
        return hashes;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
