package dev.osint.collectors.social;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One public profile, normalised the same way for every platform.
 *
 * @param url       the profile page a person opens (never an API address)
 * @param links     addresses the profile publishes: its website, links in its bio, verified accounts
 * @param followers null where the platform does not count followers
 * @param createdAt ISO-8601, null where the platform does not publish it
 * @param email     only when the person published it on the profile
 */
public record Profile(String platform, String url, String username, String displayName, String bio,
                      String location, List<String> links, String avatarUrl, Long followers, String createdAt,
                      String email) {
    public Profile {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The result's {@code {platform, url, username, …}} map, empty fields left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "platform", platform);
        put(map, "url", url);
        put(map, "username", username);
        put(map, "display_name", displayName);
        put(map, "bio", bio);
        put(map, "location", location);
        map.put("links", links);
        put(map, "avatar_url", avatarUrl);
        put(map, "followers", followers);
        put(map, "created_at", createdAt);
        put(map, "email", email);
        return map;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }
}
