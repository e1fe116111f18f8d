package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mastodon, any instance: WebFinger ({@code /.well-known/webfinger?resource=acct:user@domain}) says whether the
 * account exists, then {@code /api/v1/accounts/lookup?acct=} reads it. A bare name is asked of the configured
 * instance; a {@code user@instance} handle of that instance, which is a user-supplied host and so goes through
 * the {@link SsrfGuard}, every request pinned to the address it checked.
 */
final class MastodonSource implements ProfileSource {
    private static final String PROFILE_PAGE = "http://webfinger.net/rel/profile-page";

    private final Function<Settings, SsrfGuard> guards;
    private final Function<String, String> instanceUrls;

    MastodonSource() {
        this(SsrfGuard::fromSettings, domain -> "https://" + domain);
    }

    /** Tests reach a "remote" instance on loopback through these two. */
    MastodonSource(Function<Settings, SsrfGuard> guards, Function<String, String> instanceUrls) {
        this.guards = guards;
        this.instanceUrls = instanceUrls;
    }

    @Override
    public String platform() {
        return "mastodon";
    }

    @Override
    public Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException {
        Upstream home = Upstream.of(context.settings(), SocialCollector.MASTODON);
        String bare = handle.startsWith("@") ? handle.substring(1) : handle;
        int at = bare.indexOf('@');
        String user = at < 0 ? bare : bare.substring(0, at);
        String domain = at < 0 ? home.baseUrl().getHost() : bare.substring(at + 1).toLowerCase(Locale.ROOT);
        Upstream instance = domain.equalsIgnoreCase(home.baseUrl().getHost()) ? home : remote(context, domain);
        UpstreamClient client = new UpstreamClient(context, instance);

        UpstreamAnswer<JsonNode> finger = client.get("/.well-known/webfinger")
                .query("resource", "acct:" + user + "@" + domain).header("Accept", "application/jrd+json").json();
        if (finger.isNotFound()) {
            return Optional.empty();
        }
        UpstreamAnswer<JsonNode> account = client.get("/api/v1/accounts/lookup").query("acct", user).json();
        if (account.isNotFound()) {
            // a fediverse server that speaks WebFinger but not Mastodon's API: the account still exists
            return Optional.of(new Profile("mastodon", profilePage(finger.body()), user + "@" + domain, null, null,
                    null, List.of(), null, null, null, null));
        }
        return Optional.of(parse(account.body(), domain));
    }

    private Upstream remote(ScanContext context, String domain) {
        URI base;
        try {
            base = URI.create(instanceUrls.apply(domain));
        } catch (IllegalArgumentException e) {
            throw new CollectorException("'" + domain + "' is not a valid Mastodon instance name");
        }
        // an instance named in a target is not an operator setting: no OSINT_* applies, the guard checks every
        // request and pins it to the address it checked
        return Upstream.userChosen(SocialCollector.MASTODON_INSTANCE, guards.apply(context.settings()),
                "Mastodon instance " + domain, base);
    }

    static String profilePage(JsonNode jrd) {
        for (JsonNode link : jrd.path("links")) {
            if (PROFILE_PAGE.equals(Text.field(link, "rel"))) {
                return Text.field(link, "href");
            }
        }
        JsonNode aliases = jrd.path("aliases");
        return aliases.isArray() && !aliases.isEmpty() ? aliases.get(0).asText() : Text.field(jrd, "subject");
    }

    static Profile parse(JsonNode account, String domain) {
        String note = Text.field(account, "note");
        List<String> links = new ArrayList<>(Text.htmlLinks(note));
        // profile fields ("Website", "GitHub") hold HTML links too; verified_at marks the rel=me checked ones
        for (JsonNode field : account.path("fields")) {
            links.addAll(Text.htmlLinks(Text.field(field, "value")));
        }
        String acct = Text.field(account, "acct");
        String username = acct != null && acct.contains("@") ? acct : Text.field(account, "username") + "@" + domain;
        return new Profile("mastodon", Text.field(account, "url"), username, Text.field(account, "display_name"),
                Text.htmlToText(note), null, Text.distinct(links), Text.field(account, "avatar"),
                Text.number(account, "followers_count"), Text.field(account, "created_at"), null);
    }
}
