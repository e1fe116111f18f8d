package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.StatusOutcome;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.ScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GitHub's REST users API: {@code GET {base}/users/{username}}. */
final class GitHubSource implements ProfileSource {
    @Override
    public String platform() {
        return "github";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, SocialCollector.GITHUB)
                .get("/users/" + UpstreamClient.segment(handle))
                .header("Accept", "application/vnd.github+json")
                // GitHub answers an exhausted unauthenticated rate limit with 403 (x-ratelimit-remaining: 0)
                .onStatus(403, StatusOutcome.RETRY)
                .json();
        return answer.isFound() ? Optional.of(parse(answer.body())) : Optional.empty();
    }

    static Profile parse(JsonNode user) {
        String bio = Text.field(user, "bio");
        List<String> links = new ArrayList<>();
        links.add(Text.website(Text.field(user, "blog")));
        String twitter = Text.field(user, "twitter_username");
        if (twitter != null) {
            links.add("https://twitter.com/" + twitter);
        }
        links.addAll(Text.linksIn(bio));
        return new Profile("github", Text.field(user, "html_url"), Text.field(user, "login"),
                Text.field(user, "name"), bio, Text.field(user, "location"), Text.distinct(links),
                Text.field(user, "avatar_url"), Text.number(user, "followers"), Text.field(user, "created_at"),
                Text.field(user, "email"));
    }
}
