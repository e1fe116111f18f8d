package dev.osint.collectors.identity;

import static dev.osint.collectors.identity.Accounts.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.TargetKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What new identifiers each kind of finding yields, and what it must not. */
class IdentifierExtractorTest {
    private final IdentifierExtractor extractor = new IdentifierExtractor();

    private static List<String> derived(List<Derivation> derivations) {
        return derivations.stream().map(d -> d.rule().wireName() + " " + d.identifier().key()).toList();
    }

    private List<String> fromEmail(String email) {
        return derived(extractor.derive(new Findings(Identifier.email(email))));
    }

    @Test
    void anEmailsLocalPartIsAUsernameWithoutItsTag() {
        assertThat(fromEmail("Jane.Doe+news@janedoe.dev")).containsExactly("email_local_part username:jane.doe");
    }

    @Test
    void aRoleMailboxOrATooShortLocalPartIsNoUsername() {
        assertThat(fromEmail("info@janedoe.dev")).isEmpty();
        assertThat(fromEmail("jd@janedoe.dev")).isEmpty();
    }

    @Test
    void anEmailsOwnDomainIsScannedWithItButAPublicProvidersIsNot() {
        assertThat(derived(extractor.companions(Identifier.email("jdoe@janedoe.dev"))))
                .containsExactly("email_domain domain:janedoe.dev");
        assertThat(extractor.companions(Identifier.email("jane.doe@gmail.com"))).isEmpty();
    }

    @Test
    void aNameSuggestsUsernamesWithoutAccentsOrMiddleNames() {
        assertThat(derived(extractor.companions(new Identifier(TargetKind.PERSON_NAME, "José Q. Álvarez"))))
                .containsExactly("name_variant username:josealvarez", "name_variant username:jose.alvarez",
                        "name_variant username:jose_alvarez", "name_variant username:jalvarez");
    }

    @Test
    void aProfileYieldsItsUsernameLinkedHandlesAndItsSite() {
        Account gravatar = anAccount("https://gravatar.com/janedoe").withUsername("janedoe")
                .linkingTo("https://twitter.com/JaneTweets").linkingTo("https://janedoe.dev/")
                .linkingTo("https://github.com/about").linkingTo("https://www.youtube.com/").build();

        assertThat(derived(extractor.fromAccount(gravatar))).containsExactly("same_username username:janedoe",
                "declared_link username:janetweets", "declared_link domain:janedoe.dev");
    }

    @Test
    void aBioYieldsHandlesEmailsAndLinksButNotTheAtOfAnAddress() {
        Account github = anAccount("https://github.com/janedoe")
                .withBio("Maps at @acme_maps. Mail jane@janedoe.dev, toots https://mastodon.social/@jd.")
                .publishing("Jane.Doe@Example.org").build();

        assertThat(derived(extractor.fromAccount(github))).containsExactlyInAnyOrder(
                "declared_link username:jd", "email_on_profile email:jane.doe@example.org",
                "email_on_profile email:jane@janedoe.dev", "handle_in_bio username:acme_maps");
    }

    @Test
    void aFediverseHandleInABioIsItsUsername() {
        assertThat(IdentifierExtractor.handlesIn("find me: @jdoe@fosstodon.org")).containsExactly("jdoe");
    }
}
