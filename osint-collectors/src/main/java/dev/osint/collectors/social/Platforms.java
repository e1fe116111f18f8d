package dev.osint.collectors.social;

import dev.osint.core.CollectorException;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The platforms the collector knows, and which of them a scan asks, with which handle. */
final class Platforms {
    static final List<String> NAMES = List.of("github", "gitlab", "reddit", "hackernews", "mastodon", "bluesky",
            "keybase", "gravatar");

    /** One platform to ask about one handle. */
    record Lookup(ProfileSource source, String handle) {}

    private final Map<String, ProfileSource> sources = new LinkedHashMap<>();

    Platforms(MastodonSource mastodon) {
        for (ProfileSource source : List.of(new GitHubSource(), new GitLabSource(), new RedditSource(),
                new HackerNewsSource(), mastodon, new BlueskySource(), new KeybaseSource(), new GravatarSource())) {
            sources.put(source.platform(), source);
        }
    }

    /**
     * A username goes to every chosen platform; a fediverse handle ({@code @user@instance}, a username target) goes to
     * Mastodon whole, which asks that instance, and to the others as its user part. An email goes to Gravatar (by
     * hash), to Mastodon as a
     * {@code user@instance} handle only when asked by name, and with {@code tryLocalPart} its local part goes to
     * the other platforms as a username.
     */
    List<Lookup> plan(Target target, List<String> chosen, boolean tryLocalPart) {
        List<String> wanted = wanted(chosen);
        List<Lookup> plan = new ArrayList<>();
        if (target.kind() == TargetKind.USERNAME) {
            String handle = target.value();
            String bare = handle.startsWith("@") ? handle.substring(1) : handle;
            String user = bare.contains("@") ? bare.substring(0, bare.indexOf('@')) : bare;
            wanted.forEach(name -> plan.add(new Lookup(sources.get(name), name.equals("mastodon") ? handle : user)));
        } else if (target.kind() == TargetKind.EMAIL) {
            String email = target.value();
            if (wanted.contains("gravatar")) {
                plan.add(new Lookup(sources.get("gravatar"), email));
            }
            boolean mastodonByAddress = chosen.stream().anyMatch(n -> n.equalsIgnoreCase("mastodon"));
            if (mastodonByAddress) {
                plan.add(new Lookup(sources.get("mastodon"), email));
            }
            if (tryLocalPart) {
                String local = email.substring(0, email.indexOf('@'));
                for (String name : wanted) {
                    if (!name.equals("gravatar") && !(name.equals("mastodon") && mastodonByAddress)) {
                        plan.add(new Lookup(sources.get(name), local));
                    }
                }
            }
        }
        if (plan.isEmpty()) {
            throw new CollectorException("options.platforms " + chosen + " has nothing to ask about a "
                    + target.kind().wireName() + (target.kind() == TargetKind.EMAIL
                    ? "; an email goes to gravatar or mastodon, or set options.try_local_part" : ""));
        }
        return plan;
    }

    private static List<String> wanted(List<String> chosen) {
        if (chosen.isEmpty()) {
            return NAMES;
        }
        List<String> wanted = new ArrayList<>();
        // each name is one of NAMES: the option's rules were checked before the scan was queued
        for (String name : chosen) {
            if (!wanted.contains(name)) {
                wanted.add(name);
            }
        }
        return wanted;
    }
}
