package dev.osint.collectors.metadata;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** MD5, SHA-1 and SHA-256 of a file, in lower-case hex, for looking it up elsewhere (VirusTotal, a case file). */
final class FileHashes {
    private FileHashes() {}

    static Map<String, String> of(byte[] bytes) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("md5", hex("MD5", bytes));
        hashes.put("sha1", hex("SHA-1", bytes));
        hashes.put("sha256", hex("SHA-256", bytes));
        return hashes;
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
