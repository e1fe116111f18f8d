package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.ScanContext;
import java.util.Optional;
import org.jsoup.parser.Parser;

/** Reddit's public account listing: {@code GET {base}/user/{username}/about.json} (a {@code t2} thing). */
final class RedditSource implements ProfileSource {
    private static final String SITE = "https://www.reddit.com";

    @Override
    public String platform() {
        return "reddit";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, SocialCollector.REDDIT)
                .get("/user/" + UpstreamClient.segment(handle) + "/about.json").json();
        if (answer.isNotFound() || !"t2".equals(Text.field(answer.body(), "kind"))) {
            return Optional.empty();
        }
        return Optional.of(parse(answer.body().path("data")));
    }

    static Profile parse(JsonNode data) {
        String name = Text.field(data, "name");
        // a suspended account still answers, with its name and is_suspended only
        JsonNode subreddit = data.path("subreddit");
        String bio = Text.field(subreddit, "public_description");
        String title = Text.field(subreddit, "title");
        String icon = Text.field(data, "icon_img");
        return new Profile("reddit", SITE + "/user/" + name + "/", name, title, bio, null,
                Text.distinct(Text.linksIn(bio)),
                // Reddit HTML-escapes the query of its image URLs (&amp;)
                icon == null ? null : Parser.unescapeEntities(icon, false),
                Text.number(subreddit, "subscribers"), Text.epochSeconds(data, "created_utc"), null);
    }
}
