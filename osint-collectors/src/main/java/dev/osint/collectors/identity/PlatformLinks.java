package dev.osint.collectors.identity;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a profile link as what it names: a username on a known platform ({@code github.com/jdoe},
 * {@code twitter.com/jdoe}, {@code jdoe.github.io}, a Mastodon {@code /@jdoe}), or the home page of a site of its
 * own ({@code https://janedoe.dev/}), whose domain is worth a look.
 */
final class PlatformLinks {
    /** A platform and the username a link names on it. */
    record Handle(String platform, String username) {}

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Hosts whose first path segment is a username. */
    private static final Map<String, String> FIRST_SEGMENT = Map.ofEntries(
            Map.entry("github.com", "github"), Map.entry("gitlab.com", "gitlab"), Map.entry("twitter.com", "twitter"),
            Map.entry("x.com", "twitter"), Map.entry("instagram.com", "instagram"), Map.entry("keybase.io", "keybase"),
            Map.entry("t.me", "telegram"), Map.entry("codeberg.org", "codeberg"), Map.entry("twitch.tv", "twitch"),
            Map.entry("facebook.com", "facebook"), Map.entry("pinterest.com", "pinterest"),
            Map.entry("dev.to", "devto"));
    /** Hosts where a username follows a fixed segment ({@code reddit.com/user/jdoe}). */
    private static final Map<String, List<String>> AFTER_SEGMENT = Map.of(
            "reddit.com", List.of("user", "u"), "linkedin.com", List.of("in"), "bsky.app", List.of("profile"));
    /** Hosted blogs whose subdomain is the username ({@code jdoe.github.io}). */
    private static final Map<String, String> SUBDOMAIN = Map.of(
            "github.io", "github", "gitlab.io", "gitlab", "substack.com", "substack", "tumblr.com", "tumblr",
            "wordpress.com", "wordpress", "blogspot.com", "blogger", "medium.com", "medium", "bsky.social", "bluesky");
    /** Paths of those platforms that are pages of the site, not people. */
    private static final Set<String> RESERVED = Set.of("about", "features", "pricing", "login", "signup", "join",
            "explore", "settings", "orgs", "organizations", "sponsors", "topics", "search", "home", "share", "intent",
            "hashtag", "i", "help", "privacy", "terms", "tos", "watch", "marketplace", "notifications", "blog",
            "security", "site", "contact", "r", "groups", "pages", "events");
    /** Big sites whose home page says nothing about a person, and link shorteners. */
    private static final Set<String> NOT_PERSONAL = Set.of("google.com", "youtube.com", "facebook.com",
            "linkedin.com", "twitter.com", "x.com", "instagram.com", "github.com", "gitlab.com", "reddit.com",
            "medium.com", "tiktok.com", "bsky.app", "keybase.io", "t.me", "linktr.ee", "bit.ly", "t.co",
            "gravatar.com", "wikipedia.org", "news.ycombinator.com", "ycombinator.com", "mastodon.social",
            "twitch.tv", "codeberg.org", "pinterest.com", "dev.to", "apple.com", "microsoft.com", "amazon.com");

    private PlatformLinks() {}

    static Optional<Handle> handle(String link) {
        Optional<URI> parsed = Urls.parse(link);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parsed.get();
        String host = Urls.host(uri);
        List<String> segments = segments(uri);
        for (Map.Entry<String, String> hosted : SUBDOMAIN.entrySet()) {
            String suffix = "." + hosted.getKey();
            if (host.endsWith(suffix) && host.indexOf('.') == host.length() - suffix.length()) {
                return named(hosted.getValue(), host.substring(0, host.length() - suffix.length()));
            }
        }
        if (host.equals("news.ycombinator.com") && segments.equals(List.of("user")) && uri.getQuery() != null
                && uri.getQuery().startsWith("id=")) {
            return named("hackernews", uri.getQuery().substring(3));
        }
        if (!segments.isEmpty() && segments.get(0).startsWith("@") && segments.size() <= 2) {
            // medium.com/@jdoe, youtube.com/@jdoe, tiktok.com/@jdoe and every Mastodon instance's /@jdoe
            return named(host, segments.get(0).substring(1));
        }
        if (FIRST_SEGMENT.containsKey(host) && segments.size() == 1) {
            return named(FIRST_SEGMENT.get(host), segments.get(0));
        }
        List<String> before = AFTER_SEGMENT.get(host);
        if (before != null && segments.size() == 2 && before.contains(segments.get(0))) {
            String name = segments.get(1);
            // a Bluesky handle on the default domain is a username; on a domain of its own it is that domain
            return named(host, name.endsWith(".bsky.social") ? name.substring(0, name.indexOf('.')) : name);
        }
        return Optional.empty();
    }

    /** The domain of a personal site's home page ({@code https://blog.janedoe.dev/} → {@code janedoe.dev}). */
    static Optional<String> homePageDomain(String link) {
        Optional<URI> parsed = Urls.parse(link);
        if (parsed.isEmpty() || !Urls.path(parsed.get()).isEmpty() || handle(link).isPresent()) {
            return Optional.empty();
        }
        String domain = registrableDomain(Urls.host(parsed.get()));
        return domain.contains(".") && !NOT_PERSONAL.contains(domain) && !domain.matches("[0-9.]+")
                ? Optional.of(domain) : Optional.empty();
    }

    /**
     * The name a person registers: the last two labels, or three under a second-level registry such as
     * {@code co.uk}; a public-suffix list would be exact, this covers the usual cases without one.
     */
    static String registrableDomain(String host) {
        String[] labels = host.split("\\.");
        if (labels.length <= 2) {
            return host;
        }
        String second = labels[labels.length - 2];
        boolean underRegistry = labels[labels.length - 1].length() == 2
                && Set.of("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or").contains(second);
        int keep = underRegistry ? 3 : 2;
        return String.join(".", List.of(labels).subList(labels.length - keep, labels.length));
    }

    private static Optional<Handle> named(String platform, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches() || RESERVED.contains(lower)) {
            return Optional.empty();
        }
        return Optional.of(new Handle(platform, lower));
    }

    private static List<String> segments(URI uri) {
        String path = Urls.path(uri);
        return path.isEmpty() ? List.of() : List.of(path.substring(1).split("/"));
    }
}
