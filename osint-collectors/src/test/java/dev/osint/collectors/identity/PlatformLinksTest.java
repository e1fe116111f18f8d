package dev.osint.collectors.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Profile links read as usernames on known platforms, or as a personal site's domain. */
class PlatformLinksTest {
    @ParameterizedTest
    @CsvSource({
            "https://github.com/JDoe, github, jdoe",
            "https://www.twitter.com/jdoe/, twitter, jdoe",
            "https://x.com/jdoe, twitter, jdoe",
            "https://www.reddit.com/user/jdoe, reddit.com, jdoe",
            "https://reddit.com/u/jdoe, reddit.com, jdoe",
            "https://www.linkedin.com/in/jane-doe, linkedin.com, jane-doe",
            "https://medium.com/@jdoe, medium.com, jdoe",
            "https://fosstodon.org/@jdoe, fosstodon.org, jdoe",
            "https://jdoe.github.io/, github, jdoe",
            "https://jdoe.substack.com/p/a-post, substack, jdoe",
            "https://bsky.app/profile/jdoe.bsky.social, bsky.app, jdoe",
            "https://news.ycombinator.com/user?id=jdoe, hackernews, jdoe",
    })
    void aProfileLinkNamesAUsername(String link, String platform, String username) {
        assertThat(PlatformLinks.handle(link)).contains(new PlatformLinks.Handle(platform, username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/about", "https://github.com/janedoe/maps",
            "https://twitter.com/intent/tweet", "https://janedoe.dev/", "mailto:jane@janedoe.dev", "not a link",
            "https://a.b.github.io/"})
    void otherLinksNameNoUsername(String link) {
        assertThat(PlatformLinks.handle(link)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "https://janedoe.dev/, janedoe.dev",
            "https://blog.janedoe.dev, janedoe.dev",
            "http://www.jane-doe.co.uk/, jane-doe.co.uk",
    })
    void aPersonalHomePageNamesItsDomain(String link, String domain) {
        assertThat(PlatformLinks.homePageDomain(link)).contains(domain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://janedoe.dev/posts/maps", "https://www.youtube.com/", "https://linktr.ee",
            "https://jdoe.github.io/", "http://192.168.1.1/"})
    void pagesBigSitesAndHostedBlogsNameNoDomainToScan(String link) {
        assertThat(PlatformLinks.homePageDomain(link)).isEmpty();
    }
}
