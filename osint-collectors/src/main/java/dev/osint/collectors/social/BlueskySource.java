package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.StatusOutcome;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import dev.osint.core.ScanContext;
import java.util.Optional;

/**
 * Bluesky's public AppView: {@code GET {base}/xrpc/app.bsky.actor.getProfile?actor=}. A bare username is taken
 * as {@code <name>.bsky.social}; a name with a dot is a handle already (Bluesky handles are domains).
 */
final class BlueskySource implements ProfileSource {
    @Override
    public String platform() {
        return "bluesky";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, SocialCollector.BLUESKY)
                .get("/xrpc/app.bsky.actor.getProfile").query("actor", actor(handle))
                // XRPC answers an unknown or invalid actor with 400 and {"error":"InvalidRequest",…}
                .onStatus(400, StatusOutcome.NOT_FOUND)
                .json();
        if (answer.isNotFound()) {
            if (answer.status() == 400 && !"InvalidRequest".equals(errorCode(answer.errorText()))) {
                throw new CollectorException("Bluesky refused the request (HTTP 400): " + answer.errorText());
            }
            return Optional.empty();
        }
        return Optional.of(parse(answer.body()));
    }

    static String actor(String handle) {
        String name = handle.startsWith("@") ? handle.substring(1) : handle;
        return name.contains(".") || name.startsWith("did:") ? name : name + ".bsky.social";
    }

    private static String errorCode(String body) {
        try {
            return Text.field(Json.mapper().readTree(body), "error");
        } catch (Exception e) {
            return null;
        }
    }

    static Profile parse(JsonNode profile) {
        String handle = Text.field(profile, "handle");
        String bio = Text.field(profile, "description");
        return new Profile("bluesky", "https://bsky.app/profile/" + handle, handle,
                Text.field(profile, "displayName"), bio, null, Text.distinct(Text.linksIn(bio)),
                Text.field(profile, "avatar"), Text.number(profile, "followersCount"),
                Text.field(profile, "createdAt"), null);
    }
}
