package dev.osint.collectors.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test-data builder: {@code anAccount("https://github.com/jdoe").named("Jane Doe").linkingTo(url).build()}. */
final class Accounts {
    private final String url;
    private String platform = "site";
    private String username;
    private String displayName;
    private String bio;
    private final List<String> links = new ArrayList<>();
    private String avatarUrl;
    private String email;
    private Identifier foundBy = Identifier.username("someone");
    private double confidence = 1.0;

    private Accounts(String url) {
        this.url = url;
    }

    static Accounts anAccount(String url) {
        return new Accounts(url);
    }

    Accounts on(String value) { this.platform = value; return this; }
    Accounts withUsername(String value) { this.username = value; return this; }
    Accounts named(String value) { this.displayName = value; return this; }
    Accounts withBio(String value) { this.bio = value; return this; }
    Accounts linkingTo(String value) { this.links.add(value); return this; }
    Accounts withAvatar(String value) { this.avatarUrl = value; return this; }
    Accounts publishing(String value) { this.email = value; return this; }
    Accounts foundBy(Identifier value) { this.foundBy = value; return this; }
    Accounts withSiteConfidence(double value) { this.confidence = value; return this; }

    Account build() {
        return new Account(Urls.comparable(url).orElseThrow(), url, platform, username, displayName, bio, null, links,
                avatarUrl, email, Set.of(foundBy.key()), confidence);
    }
}
