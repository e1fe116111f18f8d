package dev.osint.collectors.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An account a child scan found, with what its profile says; the same profile seen by two scans is merged.
 *
 * @param key              the comparable URL ({@link Urls#comparable}), the account's identity
 * @param foundBy          keys of the identifiers whose scans found it
 * @param lookupConfidence the finding collector's own confidence that the account exists (a site check's
 *                         reliability); 1 for a profile an API returned
 */
public record Account(String key, String url, String platform, String username, String displayName, String bio,
                      String location, List<String> links, String avatarUrl, String email, Set<String> foundBy,
                      double lookupConfidence) {
    public Account {
        // sites name platforms in their own case ("GitHub", "github"); one spelling lets sightings agree
        platform = platform == null ? null : platform.toLowerCase(Locale.ROOT);
        links = List.copyOf(links);
        foundBy = Set.copyOf(foundBy);
    }

    /** Reads a normalised profile map ({@code {platform, url, username, display_name, …}}) of a social result. */
    static Account fromProfile(Map<?, ?> profile, Identifier foundBy, double confidence) {
        String url = text(profile.get("url"));
        List<String> links = new ArrayList<>();
        if (profile.get("links") instanceof List<?> list) {
            list.forEach(link -> links.add(String.valueOf(link)));
        }
        return new Account(Urls.comparable(url).orElse(url), url, text(profile.get("platform")),
                text(profile.get("username")), text(profile.get("display_name")), text(profile.get("bio")),
                text(profile.get("location")), links, text(profile.get("avatar_url")), text(profile.get("email")),
                Set.of(foundBy.key()), confidence);
    }

    /** An account known only by its URL and the site it is on, as a site check reports it. */
    static Account fromSiteCheck(String url, String site, String username, Identifier foundBy, double confidence) {
        return new Account(Urls.comparable(url).orElse(url), url, site, username, null, null, null, List.of(), null,
                null, Set.of(foundBy.key()), confidence);
    }

    /** What both sightings say: this one's fields first, the other's where this one has none. */
    Account merge(Account other) {
        Set<String> allLinks = new LinkedHashSet<>(links);
        allLinks.addAll(other.links);
        Set<String> finders = new LinkedHashSet<>(foundBy);
        finders.addAll(other.foundBy);
        return new Account(key, url, first(platform, other.platform), first(username, other.username),
                first(displayName, other.displayName), first(bio, other.bio), first(location, other.location),
                List.copyOf(allLinks), first(avatarUrl, other.avatarUrl), first(email, other.email), finders,
                Math.max(lookupConfidence, other.lookupConfidence));
    }

    /** The graph node's attributes; empty fields left out. */
    Map<String, Object> attributes() {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "platform", platform);
        put(map, "username", username);
        put(map, "display_name", displayName);
        put(map, "bio", bio);
        put(map, "location", location);
        if (!links.isEmpty()) {
            map.put("links", links);
        }
        put(map, "avatar_url", avatarUrl);
        put(map, "email", email);
        map.put("found_by", foundBy.stream().sorted().toList());
        return map;
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String first(String mine, String theirs) {
        return mine != null ? mine : theirs;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }
}
