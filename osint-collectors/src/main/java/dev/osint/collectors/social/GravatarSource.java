package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.ScanContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Gravatar's profile JSON: {@code GET {base}/{hash}.json}, the hash being the SHA-256 of the trimmed, lower-cased
 * address; a username (Gravatar's profile name) is asked as it is. Only the hash of an address leaves the machine.
 */
final class GravatarSource implements ProfileSource {
    @Override
    public String platform() {
        return "gravatar";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        String key = handle.contains("@") ? hash(handle) : handle;
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, SocialCollector.GRAVATAR)
                .get("/" + UpstreamClient.segment(key) + ".json").json();
        JsonNode entries = answer.isFound() ? answer.body().path("entry") : null;
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(entries.get(0)));
    }

    /** SHA-256 of the address as Gravatar defines it: whitespace trimmed, lower case. */
    static String hash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static Profile parse(JsonNode entry) {
        String bio = Text.field(entry, "aboutMe");
        List<String> links = new ArrayList<>();
        for (JsonNode url : entry.path("urls")) {
            links.add(Text.field(url, "value"));
        }
        for (JsonNode account : entry.path("accounts")) {
            links.add(Text.field(account, "url"));
        }
        links.addAll(Text.linksIn(bio));
        String email = null;
        for (JsonNode address : entry.path("emails")) {
            email = email == null ? Text.field(address, "value") : email;
        }
        String displayName = Text.field(entry, "displayName");
        if (displayName == null) {
            displayName = Text.field(entry.path("name"), "formatted");
        }
        return new Profile("gravatar", Text.field(entry, "profileUrl"), Text.field(entry, "preferredUsername"),
                displayName, bio, Text.field(entry, "currentLocation"), Text.distinct(links),
                Text.field(entry, "thumbnailUrl"), null, null, email);
    }
}
