package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.ScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitLab's users API: {@code GET {base}/api/v4/users?username=} finds the user (an empty array when there is
 * none), then {@code GET {base}/api/v4/users/{id}} reads the public profile the search leaves out.
 */
final class GitLabSource implements ProfileSource {
    @Override
    public String platform() {
        return "gitlab";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        UpstreamClient client = new UpstreamClient(context, SocialCollector.GITLAB);
        UpstreamAnswer<JsonNode> search = client.get("/api/v4/users").query("username", handle).json();
        if (search.isNotFound() || !search.body().isArray() || search.body().isEmpty()) {
            return Optional.empty();
        }
        JsonNode found = search.body().get(0);
        UpstreamAnswer<JsonNode> detail = client.get("/api/v4/users/" + found.path("id").asLong()).json();
        // a user found by the search but not readable alone (blocked since) keeps what the search said
        return Optional.of(parse(found, detail.isFound() ? detail.body() : null));
    }

    static Profile parse(JsonNode found, JsonNode detail) {
        JsonNode user = detail == null ? found : detail;
        String bio = Text.field(user, "bio");
        List<String> links = new ArrayList<>();
        links.add(Text.website(Text.field(user, "website_url")));
        String twitter = Text.field(user, "twitter");
        if (twitter != null) {
            links.add("https://twitter.com/" + twitter);
        }
        String linkedin = Text.field(user, "linkedin");
        if (linkedin != null) {
            links.add("https://www.linkedin.com/in/" + linkedin);
        }
        links.addAll(Text.linksIn(bio));
        return new Profile("gitlab", Text.field(user, "web_url"), Text.field(user, "username"),
                Text.field(user, "name"), bio, Text.field(user, "location"), Text.distinct(links),
                Text.field(user, "avatar_url"), Text.number(user, "followers"), Text.field(user, "created_at"),
                Text.field(user, "public_email"));
    }
}
