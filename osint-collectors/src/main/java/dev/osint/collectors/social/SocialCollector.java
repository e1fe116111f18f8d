package dev.osint.collectors.social;

import dev.osint.collectors.net.FetchedPage;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Public profiles from platforms that publish them without a key (GitHub, GitLab, Reddit, Hacker News, Mastodon,
 * Bluesky, Keybase, Gravatar), and from any profile page's OpenGraph / JSON-LD.
 */
public final class SocialCollector implements Collector {
    static final String TYPE = "social";
    /** Each platform's own limit is far above what one scan asks; this keeps a burst of scans polite. */
    private static final RateLimit PER_PLATFORM = RateLimit.perSecond(10);
    static final UpstreamSpec GITHUB = platform("github", "GitHub", "https://api.github.com");
    static final UpstreamSpec GITLAB = platform("gitlab", "GitLab", "https://gitlab.com");
    static final UpstreamSpec REDDIT = platform("reddit", "Reddit", "https://www.reddit.com");
    static final UpstreamSpec HACKERNEWS = platform("hackernews", "Hacker News", "https://hacker-news.firebaseio.com");
    static final UpstreamSpec MASTODON = platform("mastodon", "Mastodon", "https://mastodon.social");
    static final UpstreamSpec BLUESKY = platform("bluesky", "Bluesky", "https://public.api.bsky.app");
    static final UpstreamSpec KEYBASE = platform("keybase", "Keybase", "https://keybase.io");
    static final UpstreamSpec GRAVATAR = platform("gravatar", "Gravatar", "https://gravatar.com");
    /** A Mastodon instance named in a {@code user@instance} handle. */
    static final UpstreamSpec MASTODON_INSTANCE = UpstreamSpec.userChosen("mastodon_instance",
            "Mastodon instances named in handles").rateLimit(PER_PLATFORM);
    /** A profile page given as the target. */
    static final UpstreamSpec USER_URL = UpstreamSpec.userChosen("user_url", "Profile pages given as targets")
            .timeout(Duration.ofSeconds(20)).followRedirects(SsrfGuard.MAX_REDIRECTS).rateLimit(PER_PLATFORM);

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "SocialProfileCollector")
            .description("Public profiles of a username on GitHub, GitLab, Reddit, Hacker News, Mastodon, Bluesky,"
                    + " Keybase and Gravatar; an email's Gravatar; a profile page's OpenGraph / JSON-LD")
            .accepts(TargetKind.USERNAME, TargetKind.EMAIL, TargetKind.URL)
            .produces(EntityKind.ACCOUNT, EntityKind.URL, EntityKind.LOCATION, EntityKind.EMAIL)
            .options(
                    OptionSpec.list("platforms", "Platforms to ask; empty means all that fit the target (an email:"
                            + " gravatar; add mastodon to read the address as a user@instance handle)")
                            .oneOf(Platforms.NAMES.toArray(String[]::new)).maxItems(Platforms.NAMES.size()),
                    OptionSpec.bool("try_local_part", false,
                            "For an email, also look the part before @ up as a username on the platforms"))
            .upstreams(GITHUB, GITLAB, REDDIT, HACKERNEWS, MASTODON, BLUESKY, KEYBASE, GRAVATAR, MASTODON_INSTANCE,
                    USER_URL)
            .build();

    private static UpstreamSpec platform(String name, String displayName, String baseUrl) {
        return UpstreamSpec.http(name, displayName, baseUrl).rateLimit(PER_PLATFORM);
    }

    private final Platforms platforms;

    public SocialCollector() {
        this(new Platforms(new MastodonSource()));
    }

    SocialCollector(Platforms platforms) {
        this.platforms = platforms;
    }

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        if (context.target().kind() == TargetKind.URL) {
            return profilePage(context, URI.create(context.target().value()));
        }
        List<Platforms.Lookup> lookups = platforms.plan(context.target(), context.options().list("platforms"),
                context.options().bool("try_local_part"));
        ProfileLookups results = ProfileLookups.run(context, lookups);
        return results.output("the " + context.target().kind().wireName() + " " + context.target().value());
    }

    private static CollectorOutput profilePage(ScanContext context, URI url) throws InterruptedException {
        context.progress(0.1, "fetching " + url.getHost());
        FetchedPage page = SsrfGuard.fromSettings(context.settings()).fetch(context, USER_URL, url);
        String platform = page.url().getHost().toLowerCase(Locale.ROOT);
        Map<String, Object> data = new LinkedHashMap<>();
        if (page.status() == 404 || page.status() == 410) {
            data.put("profiles", List.of());
            data.put("not_found", List.of(platform));
            data.put("errors", Map.of());
            return CollectorOutput.notFound(url + " answered HTTP " + page.status() + ": no such page", data);
        }
        if (page.status() >= 500 || page.status() == 429) {
            throw new dev.osint.core.RetryableCollectorException(platform + " answered HTTP " + page.status()
                    + "; it will be tried again");
        }
        if (page.status() < 200 || page.status() >= 300) {
            throw new CollectorException(platform + " refused to serve " + url + " (HTTP " + page.status() + ")");
        }
        context.progress(0.8, "reading the page");
        Optional<Profile> profile = ProfilePage.parse(page.body(), page.url());
        ProfileLookups results = new ProfileLookups();
        if (profile.isPresent()) {
            results.found(profile.get());
        } else {
            results.notFound(platform);
        }
        context.progress(1.0, "page read");
        return results.output(url + " (it has no OpenGraph profile tags nor a JSON-LD Person)");
    }
}
