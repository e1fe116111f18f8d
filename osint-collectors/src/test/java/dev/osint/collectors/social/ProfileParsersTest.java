package dev.osint.collectors.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each platform's documented answer, read into the normalised profile. */
class ProfileParsersTest {
    static String fixture(String file) {
        try (InputStream in = ProfileParsersTest.class.getResourceAsStream("/upstreams/social/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + file, e);
        }
    }

    static JsonNode json(String file) throws IOException {
        return Json.mapper().readTree(fixture(file));
    }

    @Test
    void github() throws IOException {
        Profile p = GitHubSource.parse(json("github-user.json"));

        assertThat(p).extracting(Profile::platform, Profile::url, Profile::username, Profile::displayName,
                        Profile::location, Profile::avatarUrl, Profile::followers, Profile::createdAt, Profile::email)
                .containsExactly("github", "https://github.com/octocat", "octocat", "The Octocat", "San Francisco",
                        "https://avatars.githubusercontent.com/u/583231?v=4", 9999L, "2011-01-25T18:44:36Z",
                        "octocat@github.com");
        assertThat(p.links()).containsExactly("https://github.blog", "https://twitter.com/octocat",
                "https://octocat.example/notes");
    }

    @Test
    void gitlabPrefersTheUserDetailAndGivesSchemesToBareWebsites() throws IOException {
        Profile p = GitLabSource.parse(json("gitlab-users-search.json").get(0), json("gitlab-user.json"));

        assertThat(p).extracting(Profile::url, Profile::username, Profile::displayName, Profile::bio,
                        Profile::location, Profile::followers, Profile::createdAt, Profile::email)
                .containsExactly("http://localhost:3000/john_smith", "john_smith", "John Smith", "Backend developer",
                        "London, UK", 1L, "2012-05-23T08:00:58Z", "john@example.com");
        assertThat(p.links()).containsExactly("https://john.example.org", "https://www.linkedin.com/in/johnsmith");
    }

    @Test
    void gitlabFallsBackToWhatTheSearchSaid() throws IOException {
        Profile p = GitLabSource.parse(json("gitlab-users-search.json").get(0), null);

        assertThat(p.username()).isEqualTo("john_smith");
        assertThat(p.createdAt()).isNull();
        assertThat(p.links()).isEmpty();
    }

    @Test
    void redditUnescapesItsImageUrlsAndConvertsEpochSeconds() throws IOException {
        Profile p = RedditSource.parse(json("reddit-about.json").path("data"));

        assertThat(p).extracting(Profile::url, Profile::username, Profile::displayName, Profile::bio,
                        Profile::followers, Profile::createdAt)
                .containsExactly("https://www.reddit.com/user/spez/", "spez", "spez", "Reddit CEO", 2745L,
                        "2005-06-06T04:00:00Z");
        assertThat(p.avatarUrl()).contains("width=256&height=256").doesNotContain("&amp;");
    }

    @Test
    void hackerNewsAboutIsHtml() throws IOException {
        Profile p = HackerNewsSource.parse(json("hackernews-user.json"));

        assertThat(p.url()).isEqualTo("https://news.ycombinator.com/user?id=jl");
        assertThat(p.createdAt()).isEqualTo("2007-03-15T01:50:46Z");
        assertThat(p.bio()).isEqualTo("This is a test. See https://jl.example.org/\n\nSecond paragraph.");
        assertThat(p.links()).containsExactly("https://jl.example.org/");
        assertThat(p.followers()).isNull();
    }

    @Test
    void mastodonNoteAndFieldsAreHtmlAndTheHandleNamesItsInstance() throws IOException {
        Profile p = MastodonSource.parse(json("mastodon-account.json"), "mastodon.social");

        assertThat(p).extracting(Profile::url, Profile::username, Profile::displayName, Profile::followers,
                        Profile::createdAt)
                .containsExactly("https://mastodon.social/@Gargron", "Gargron@mastodon.social", "Eugen 💀", 322930L,
                        "2016-03-16T00:00:00.000Z");
        assertThat(p.bio()).isEqualTo("Founder, CEO and lead developer @Mastodon, Germany.");
        assertThat(p.links()).containsExactly("https://mastodon.social/@Mastodon", "https://www.patreon.com/mastodon",
                "https://zeonfederated.com");
    }

    @Test
    void webfingerGivesTheProfilePage() throws IOException {
        assertThat(MastodonSource.profilePage(json("mastodon-webfinger.json")))
                .isEqualTo("https://mastodon.social/@Gargron");
    }

    @Test
    void bluesky() throws IOException {
        Profile p = BlueskySource.parse(json("bluesky-profile.json"));

        assertThat(p).extracting(Profile::url, Profile::username, Profile::displayName, Profile::followers,
                        Profile::createdAt)
                .containsExactly("https://bsky.app/profile/bsky.app", "bsky.app", "Bluesky", 27000000L,
                        "2023-04-12T04:53:57.057Z");
        assertThat(p.bio()).startsWith("official Bluesky account");
    }

    @Test
    void blueskyHandlesAreDomains() {
        assertThat(BlueskySource.actor("alice")).isEqualTo("alice.bsky.social");
        assertThat(BlueskySource.actor("alice.example.com")).isEqualTo("alice.example.com");
        assertThat(BlueskySource.actor("@bob")).isEqualTo("bob.bsky.social");
    }

    @Test
    void keybaseProofsAreLinks() throws IOException {
        Profile p = KeybaseSource.parse(json("keybase-user.json").path("them").get(0));

        assertThat(p).extracting(Profile::url, Profile::username, Profile::displayName, Profile::location,
                        Profile::createdAt)
                .containsExactly("https://keybase.io/chris", "chris", "Chris Coyne", "NY, NY", "2013-10-01T17:32:14Z");
        assertThat(p.links()).containsExactly("https://twitter.com/malgorithms", "https://github.com/malgorithms");
        assertThat(p.avatarUrl()).startsWith("https://s3.amazonaws.com/keybase_processed_uploads/");
    }

    @Test
    void gravatar() throws IOException {
        Profile p = GravatarSource.parse(json("gravatar-profile.json").path("entry").get(0));

        assertThat(p).extracting(Profile::url, Profile::username, Profile::location, Profile::email)
                .containsExactly("http://gravatar.com/floverdevel", "floverdevel", "Planète Terre, Voie Lactée",
                        "floverdevel@example.com");
        assertThat(p.links()).containsExactly("https://nuglif.com", "https://www.lapresse.ca",
                "https://github.com/floverdevel");
    }

    @Test
    void gravatarHashIsSha256OfTheTrimmedLowerCasedAddress() {
        // sha256("test@example.com"), as `printf %s test@example.com | sha256sum` prints it
        assertThat(GravatarSource.hash(" Test@Example.com "))
                .isEqualTo("973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b");
    }

    @Test
    void profilePageJsonLdPersonWinsOverOpenGraph() {
        Optional<Profile> page = ProfilePage.parse(fixture("profile-page.html"), URI.create("https://social.example/@ada"));

        assertThat(page).get().extracting(Profile::platform, Profile::url, Profile::username, Profile::displayName,
                        Profile::location, Profile::avatarUrl, Profile::followers, Profile::createdAt)
                .containsExactly("Example Social", "https://social.example/@ada", "ada", "Ada Lovelace", "London",
                        "https://social.example/avatars/ada-large.png", 1337L, "2019-12-23T12:34:00-05:00");
        assertThat(page.get().links()).containsExactly("https://www.example.com/ada", "https://ada.example.org",
                "https://notes.example/ada");
    }

    @Test
    void openGraphAloneIsEnoughAndBrokenJsonLdIsSkipped() {
        Optional<Profile> page = ProfilePage.parse(fixture("opengraph-only.html"), URI.create("https://pictures.example/grace"));

        assertThat(page).get().extracting(Profile::platform, Profile::url, Profile::username, Profile::displayName,
                        Profile::bio, Profile::avatarUrl)
                .containsExactly("Pictures", "https://pictures.example/grace", "grace", "Grace Hopper",
                        "Compilers, nanoseconds.", "https://pictures.example/grace.jpg");
    }

    @Test
    void aPageWithoutProfileDataIsNoProfile() {
        assertThat(ProfilePage.parse(fixture("plain-page.html"), URI.create("https://www.example.com/"))).isEmpty();
    }

    @Test
    void profileMapLeavesEmptyFieldsOut() throws IOException {
        assertThat(HackerNewsSource.parse(json("hackernews-user.json")).toMap())
                .containsOnlyKeys("platform", "url", "username", "bio", "links", "created_at");
    }
}
