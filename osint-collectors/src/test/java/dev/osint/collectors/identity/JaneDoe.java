package dev.osint.collectors.identity;

import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One made-up person as the real collectors would report her, from fixed data: her email has a Gravatar linking
 * her GitHub and her site; her GitHub links back and mentions a second handle; her GitLab shows her Gravatar.
 */
final class JaneDoe {
    static final String EMAIL = "jdoe@janedoe.dev";
    /** The Gravatar hashes of {@link #EMAIL}: MD5 (older sites' URLs) and SHA-256 (Gravatar's own API). */
    static final String EMAIL_MD5 = "b2892c6362f87ddda85763f58f764621";
    static final String EMAIL_SHA256 = "a0ccca54be2250236aa5b86fbc6b78383e39cf6763babaa3fcdaf4ba210f2ce4";

    static final String GRAVATAR = "https://gravatar.com/janedoe";
    static final String GITHUB = "https://github.com/janedoe";
    static final String GITLAB = "https://gitlab.com/janedoe";
    static final String REDDIT = "https://www.reddit.com/user/janedoe";

    final FixtureCollector social = new FixtureCollector("social",
            List.of(TargetKind.USERNAME, TargetKind.EMAIL, TargetKind.URL),
            OptionSpec.list("platforms", "platforms to ask"), OptionSpec.bool("try_local_part", false, "local part"))
            .answering(EMAIL, profiles(profile("gravatar", GRAVATAR, "janedoe", "Jane Doe", null, "Lisbon, Portugal",
                    List.of(GITHUB, "https://janedoe.dev/"), "https://0.gravatar.com/avatar/" + EMAIL_SHA256)))
            .answering("janedoe", profiles(
                    profile("github", GITHUB, "janedoe", "Jane Doe", "Maps and Rust. Side projects as @jd_codes.",
                            "Lisbon, Portugal", List.of("https://gravatar.com/janedoe/"),
                            "https://avatars.githubusercontent.com/u/4242?v=4"),
                    profile("gitlab", GITLAB, "janedoe", "Jane D.", null, null, List.of(),
                            "https://secure.gravatar.com/avatar/" + EMAIL_MD5 + "?s=80&d=identicon")));
    final FixtureCollector username = new FixtureCollector("username", List.of(TargetKind.USERNAME))
            .answering("janedoe", siteCheck("janedoe", Map.of("GitHub", GITHUB), Map.of("Reddit", REDDIT)));
    final FixtureCollector breaches = new FixtureCollector("haveibeenpwned", List.of(TargetKind.EMAIL))
            .answering(EMAIL, CollectorOutput.found(Map.of("breaches", List.of("Adobe", "LinkedIn")), List.of(
                    Entity.of(EntityKind.BREACH, "Adobe", "haveibeenpwned"),
                    Entity.of(EntityKind.BREACH, "LinkedIn", "haveibeenpwned"))));
    final FixtureCollector dns = new FixtureCollector("dns", List.of(TargetKind.DOMAIN))
            .answering("janedoe.dev", CollectorOutput.found(Map.of("domain", "janedoe.dev"),
                    List.of(Entity.of(EntityKind.MAIL_SERVER, "mx1.janedoe.dev", "dns"))));
    final FixtureCollector whois = new FixtureCollector("whois", List.of(TargetKind.DOMAIN))
            .answering("janedoe.dev", context -> {
                throw new CollectorException("rdap.example answered 403: the query was refused");
            });

    List<dev.osint.core.Collector> collectors() {
        return List.of(social, username, breaches, dns, whois);
    }

    /** Every scan of every collector, as {@code type target}. */
    List<String> scans() {
        List<String> all = new ArrayList<>();
        for (FixtureCollector collector : List.of(social, username, breaches, dns, whois)) {
            collector.targets().forEach(target -> all.add(collector.spec().type() + " " + target));
        }
        return all;
    }

    /** A social result: {@code data.profiles} and the account entities the social collector emits. */
    static CollectorOutput profiles(Map<String, Object>... profiles) {
        List<Entity> entities = new ArrayList<>();
        for (Map<String, Object> profile : profiles) {
            entities.add(Entity.of(EntityKind.ACCOUNT, (String) profile.get("url"), "social",
                    Map.of("platform", profile.get("platform"), "username", profile.get("username"))));
        }
        return CollectorOutput.found(Map.of("profiles", List.of(profiles), "not_found", List.of(), "errors", Map.of()),
                entities);
    }

    static Map<String, Object> profile(String platform, String url, String username, String displayName, String bio,
                                       String location, List<String> links, String avatarUrl) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("platform", platform);
        profile.put("url", url);
        profile.put("username", username);
        profile.put("display_name", displayName);
        if (bio != null) {
            profile.put("bio", bio);
        }
        if (location != null) {
            profile.put("location", location);
        }
        profile.put("links", links);
        profile.put("avatar_url", avatarUrl);
        return profile;
    }

    /**
     * A username result: {@code found}, and an account entity per site with the site check's confidence
     * (sure sites 0.9, less reliable ones 0.7).
     */
    static CollectorOutput siteCheck(String name, Map<String, String> sureSites, Map<String, String> unsureSites) {
        List<Map<String, Object>> found = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        sureSites.forEach((site, url) -> {
            found.add(Map.of("site", site, "url", url));
            entities.add(new Entity(EntityKind.ACCOUNT, url, "username", 0.9, Map.of("site", site, "username", name)));
        });
        unsureSites.forEach((site, url) -> {
            found.add(Map.of("site", site, "url", url));
            entities.add(new Entity(EntityKind.ACCOUNT, url, "username", 0.7, Map.of("site", site, "username", name)));
        });
        return CollectorOutput.found(Map.of("username", name, "found", found), entities);
    }
}
