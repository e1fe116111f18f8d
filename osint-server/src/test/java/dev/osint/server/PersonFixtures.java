package dev.osint.server;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collectors of the real {@code social} and {@code username} types answering from data the test owns, in the
 * shapes those collectors document (docs/collectors/social.md, username.md), so that the real identity collector
 * can link them: Jane Doe, an ordinary person, and Mallory, whose profile fields carry markup and script.
 */
final class PersonFixtures {
    static final String JANE = "janedoe";
    static final String MALLORY = "mallory";
    static final String SCRIPT = "<script>window.__pwned = 'script'</script>";
    static final String IMG_ONERROR = "<img src=x onerror=\"window.__pwned = 'img'\">";
    static final String JAVASCRIPT_URL = "javascript:window.__pwned='link'";

    private PersonFixtures() {}

    static List<Collector> collectors() {
        return List.of(social(), username());
    }

    static Collector social() {
        return new AnsweringCollector(CollectorSpec.builder("social", "SocialProfileCollector")
                .description("public profiles (test data)").accepts(TargetKind.USERNAME, TargetKind.EMAIL)
                .options(OptionSpec.list("platforms", "platforms to ask"),
                        OptionSpec.bool("try_local_part", false, "for an email, also try its local part"))
                .build(), Map.of(
                JANE, profiles(List.of("gitlab", "hackernews"), Map.of(),
                        profile("github", "https://github.com/janedoe", JANE, "Jane Doe",
                                "Maps and Rust. Side projects as @jd_codes.", "Lisbon, Portugal",
                                List.of("https://janedoe.dev/", "https://gravatar.com/janedoe"),
                                "https://avatars.githubusercontent.com/u/4242?v=4", 1200L),
                        profile("gravatar", "https://gravatar.com/janedoe", JANE, "Jane Doe", null,
                                "Lisbon, Portugal", List.of("https://github.com/janedoe"),
                                "https://0.gravatar.com/avatar/4242", null)),
                MALLORY, profiles(List.of(), Map.of("reddit", IMG_ONERROR),
                        profile("github", "https://github.com/mallory", MALLORY, IMG_ONERROR, SCRIPT,
                                "<b onmouseover=\"window.__pwned='b'\">Nowhere</b>",
                                List.of(JAVASCRIPT_URL, "https://mallory.example/" + "\"><script>x</script>"),
                                JAVASCRIPT_URL, 3L))));
    }

    static Collector username() {
        return new AnsweringCollector(CollectorSpec.builder("username", "UsernameCollector")
                .description("accounts on known sites (test data)").accepts(TargetKind.USERNAME).queue("slow").build(),
                Map.of(JANE, siteCheck(JANE, List.of(
                        site("GitHub", "https://github.com/janedoe", "FOUND", 200, List.of("coding")),
                        site("Reddit", "https://www.reddit.com/user/janedoe", "FOUND", 200, List.of("social")),
                        site("Instagram", "https://www.instagram.com/janedoe/", "BLOCKED", 429, List.of("social")),
                        site("GitLab", "https://gitlab.com/janedoe", "NOT_FOUND", 404, List.of("coding")),
                        site("Keybase", "https://keybase.io/janedoe", "NOT_FOUND", 404, List.of("coding")),
                        site("Flickr", "https://www.flickr.com/people/janedoe", "ERROR", 503, List.of("photo")))),
                        MALLORY, siteCheck(MALLORY, List.of(site("Example" + SCRIPT,
                                "https://forum.example/u/mallory", "FOUND", 200, List.of(IMG_ONERROR)),
                                hostileSite()))));
    }

    /** A site whose every field a hostile page or catalogue could fill carries markup or a script address. */
    private static Map<String, Object> hostileSite() {
        Map<String, Object> site = site("Wall" + IMG_ONERROR, JAVASCRIPT_URL, "BLOCKED", 403, List.of("social"));
        site.put("reason", "wall page: " + SCRIPT);
        site.put("catalogue", IMG_ONERROR);
        site.put("check", SCRIPT);
        site.put("matched", Map.of("status", 403, "final_url", JAVASCRIPT_URL));
        site.put("control", Map.of("username", IMG_ONERROR, "status", SCRIPT));
        return site;
    }

    private static Map<String, Object> profile(String platform, String url, String username, String displayName,
                                               String bio, String location, List<String> links, String avatarUrl,
                                               Long followers) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("platform", platform);
        profile.put("url", url);
        profile.put("username", username);
        profile.put("display_name", displayName);
        if (bio != null) {
            profile.put("bio", bio);
        }
        profile.put("location", location);
        profile.put("links", links);
        profile.put("avatar_url", avatarUrl);
        if (followers != null) {
            profile.put("followers", followers);
        }
        return profile;
    }

    /** A social result: data.profiles, not_found and errors, and the entities the social collector emits. */
    @SafeVarargs
    private static CollectorOutput profiles(List<String> notFound, Map<String, String> errors,
                                            Map<String, Object>... profiles) {
        List<Entity> entities = new ArrayList<>();
        for (Map<String, Object> p : profiles) {
            entities.add(Entity.of(EntityKind.ACCOUNT, (String) p.get("url"), "social",
                    Map.of("platform", p.get("platform"), "username", p.get("username"),
                            "display_name", p.get("display_name"))));
            entities.add(Entity.of(EntityKind.LOCATION, (String) p.get("location"), "social",
                    Map.of("platform", p.get("platform"))));
        }
        return CollectorOutput.found(Map.of("profiles", List.of(profiles), "not_found", notFound, "errors", errors),
                entities);
    }

    private static Map<String, Object> site(String name, String url, String status, int httpStatus, List<String> tags) {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("site", name);
        site.put("url", url);
        site.put("status", status);
        site.put("http_status", httpStatus);
        site.put("elapsed_ms", 120 + name.length() * 7);
        site.put("tags", tags);
        site.put("rank", name.length());
        site.put("reason", "status " + httpStatus + " (status_code)");
        site.put("catalogue", "sherlock");
        site.put("check", "status_code");
        site.put("matched", Map.of("status", httpStatus, "final_url", url));
        if (status.equals("FOUND")) {
            site.put("control", Map.of("username", "qhxzpwmrtkvany", "status", "NOT_FOUND"));
        }
        return site;
    }

    /** A username result (found, results, summary) and an account entity per FOUND site. */
    private static CollectorOutput siteCheck(String name, List<Map<String, Object>> results) {
        List<Map<String, Object>> found = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            summary.merge((String) r.get("status"), 1, Integer::sum);
            if (r.get("status").equals("FOUND")) {
                found.add(Map.of("site", r.get("site"), "url", r.get("url")));
                entities.add(new Entity(EntityKind.ACCOUNT, (String) r.get("url"), "username", 0.9,
                        Map.of("site", r.get("site"), "username", name, "tags", r.get("tags"))));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", name);
        data.put("sites_checked", results.size());
        data.put("found", found);
        data.put("results", results);
        data.put("summary", summary);
        return CollectorOutput.found(data, entities);
    }

    /** A collector that answers each target from a map; a target it does not know is a not-found result. */
    record AnsweringCollector(CollectorSpec spec, Map<String, CollectorOutput> answers) implements Collector {
        @Override
        public CollectorOutput collect(ScanContext context) {
            CollectorOutput answer = answers.get(context.target().value());
            return answer != null ? answer
                    : CollectorOutput.notFound("nothing known about " + context.target().value(), Map.of());
        }
    }
}
