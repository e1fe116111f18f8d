package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.ScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Hacker News Firebase API: {@code GET {base}/v0/user/{id}.json}, which answers {@code null} for no user. */
final class HackerNewsSource implements ProfileSource {
    @Override
    public String platform() {
        return "hackernews";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, SocialCollector.HACKERNEWS)
                .get("/v0/user/" + UpstreamClient.segment(handle) + ".json").json();
        if (answer.isNotFound() || !answer.body().isObject()) {
            return Optional.empty();
        }
        return Optional.of(parse(answer.body()));
    }

    static Profile parse(JsonNode user) {
        String id = Text.field(user, "id");
        String about = Text.field(user, "about");
        List<String> links = new ArrayList<>(Text.htmlLinks(about));
        String bio = Text.htmlToText(about);
        links.addAll(Text.linksIn(bio));
        return new Profile("hackernews", "https://news.ycombinator.com/user?id=" + id, id, null, bio, null,
                Text.distinct(links), null, null, Text.epochSeconds(user, "created"), null);
    }
}
