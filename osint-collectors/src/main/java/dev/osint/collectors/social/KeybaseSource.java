package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keybase's user lookup: {@code GET {base}/_/api/1.0/user/lookup.json?usernames=}; an unknown name comes back as
 * {@code null} in {@code them}, and errors as a non-zero {@code status.code} inside a 200.
 */
final class KeybaseSource implements ProfileSource {
    @Override
    public String platform() {
        return "keybase";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, SocialCollector.KEYBASE)
                .get("/_/api/1.0/user/lookup.json").query("usernames", handle).json();
        if (answer.isNotFound()) {
            return Optional.empty();
        }
        JsonNode status = answer.body().path("status");
        if (status.path("code").asInt(-1) != 0) {
            String why = Text.field(status, "desc") != null ? Text.field(status, "desc") : Text.field(status, "name");
            throw new CollectorException("Keybase refused the lookup (status " + status.path("code").asText("?")
                    + "): " + why);
        }
        JsonNode them = answer.body().path("them");
        if (!them.isArray() || them.isEmpty() || !them.get(0).isObject()) {
            return Optional.empty();
        }
        return Optional.of(parse(them.get(0)));
    }

    static Profile parse(JsonNode user) {
        JsonNode basics = user.path("basics");
        JsonNode profile = user.path("profile");
        String username = Text.field(basics, "username");
        String bio = Text.field(profile, "bio");
        List<String> links = new ArrayList<>();
        // proofs are accounts the user proved with a signature: stronger links than a bio's
        for (JsonNode proof : user.path("proofs_summary").path("all")) {
            links.add(Text.field(proof, "service_url"));
        }
        links.addAll(Text.linksIn(bio));
        return new Profile("keybase", "https://keybase.io/" + username, username,
                Text.field(profile, "full_name"), bio, Text.field(profile, "location"), Text.distinct(links),
                Text.field(user.path("pictures").path("primary"), "url"), null,
                Text.epochSeconds(basics, "ctime"), null);
    }
}
