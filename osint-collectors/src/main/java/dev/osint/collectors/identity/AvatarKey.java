package dev.osint.collectors.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes two avatars the same picture without downloading them: a Gravatar URL is keyed by its hash (sites
 * that show Gravatars use different hosts and sizes), any other by its address without the query.
 */
final class AvatarKey {
    private static final Pattern GRAVATAR_PATH = Pattern.compile("/avatar/([0-9a-fA-F]{32}|[0-9a-fA-F]{64})");

    private AvatarKey() {}

    /** Empty for a missing avatar and for a platform's default picture, which strangers share. */
    static Optional<String> of(String avatarUrl) {
        Optional<URI> parsed = Urls.parse(avatarUrl);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parsed.get();
        String host = Urls.host(uri);
        Matcher gravatar = GRAVATAR_PATH.matcher(Urls.path(uri));
        if ((host.equals("gravatar.com") || host.endsWith(".gravatar.com")) && gravatar.lookingAt()) {
            return Optional.of("gravatar:" + gravatar.group(1).toLowerCase(Locale.ROOT));
        }
        String path = Urls.path(uri).toLowerCase(Locale.ROOT);
        if (path.contains("default")) {
            return Optional.empty();
        }
        return Optional.of(host + path);
    }

    /** The keys an email's Gravatar has: MD5 (the old scheme, still in most sites' URLs) and SHA-256. */
    static List<String> ofEmail(String email) {
        byte[] address = email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return List.of("gravatar:" + hex("MD5", address), "gravatar:" + hex("SHA-256", address));
    }

    private static String hex(String algorithm, byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
