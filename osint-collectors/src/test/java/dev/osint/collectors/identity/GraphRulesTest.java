package dev.osint.collectors.identity;

import static dev.osint.collectors.identity.Accounts.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each evidence rule of the graph on the smallest findings that show it, and what must not trigger it. */
class GraphRulesTest {
    private static final Identifier EMAIL = Identifier.email("jdoe@janedoe.dev");
    private static final Identifier JDOE = Identifier.username("jdoe");

    private final Findings findings = new Findings(EMAIL);

    private List<String> edges() {
        return GraphBuilder.build(findings).edges().stream()
                .map(e -> e.rule().wireName() + " " + e.from() + " " + e.to() + " " + Confidences.round(e.confidence()))
                .toList();
    }

    @Test
    void foundByEmailLinksTheEmailToWhatItsLookupFound() {
        findings.addAccount(anAccount("https://gravatar.com/jdoe").foundBy(EMAIL).build());

        assertThat(edges()).containsExactly("found_by_email email:jdoe@janedoe.dev account:gravatar.com/jdoe 0.95");
    }

    @Test
    void sameUsernameIsWeakAndWeakerStillForAnUnreliableSiteCheck() {
        findings.derive(new Derivation(EMAIL.key(), JDOE, Rule.EMAIL_LOCAL_PART, "local part"), 1);
        findings.addAccount(anAccount("https://forum.example/u/jdoe").withUsername("jdoe").foundBy(JDOE)
                .withSiteConfidence(0.7).build());
        findings.addAccount(anAccount("https://gravatar.com/x").withUsername("JDoe").foundBy(EMAIL).build());

        assertThat(edges()).contains("same_username username:jdoe account:forum.example/u/jdoe 0.35",
                "same_username username:jdoe account:gravatar.com/x 0.5");
    }

    @Test
    void sameAvatarMatchesAGravatarByItsHashWhateverTheHostAndSize() {
        findings.addAccount(anAccount("https://gitlab.com/jdoe")
                .withAvatar("https://secure.gravatar.com/avatar/c0ffee00c0ffee00c0ffee00c0ffee00?s=80&d=identicon")
                .build());
        findings.addAccount(anAccount("https://forum.example/jdoe")
                .withAvatar("https://0.gravatar.com/avatar/C0FFEE00C0FFEE00C0FFEE00C0FFEE00").build());
        findings.addAccount(anAccount("https://other.example/jdoe")
                .withAvatar("https://0.gravatar.com/avatar/00000000000000000000000000000000").build());

        assertThat(edges()).containsExactly("same_avatar account:gitlab.com/jdoe account:forum.example/jdoe 0.9");
    }

    @Test
    void sameAvatarLinksAnEmailToAnAccountShowingItsGravatar() {
        // b2892c… is the MD5 of jdoe@janedoe.dev, as GitLab puts it in its avatar URLs
        findings.addAccount(anAccount("https://gitlab.com/jdoe")
                .withAvatar("https://secure.gravatar.com/avatar/b2892c6362f87ddda85763f58f764621?s=80").build());

        assertThat(edges()).containsExactly("same_avatar email:jdoe@janedoe.dev account:gitlab.com/jdoe 0.9");
    }

    @Test
    void sameAvatarDoesNotRepeatWhatTheEmailsOwnLookupSaid() {
        findings.addAccount(anAccount("https://gravatar.com/jdoe").foundBy(EMAIL)
                .withAvatar("https://0.gravatar.com/avatar/b2892c6362f87ddda85763f58f764621").build());

        assertThat(edges()).noneMatch(edge -> edge.startsWith("same_avatar"));
    }

    @Test
    void defaultPicturesAreNotEvidence() {
        findings.addAccount(anAccount("https://twitter.com/a").withAvatar(
                "https://abs.twimg.com/sticky/default_profile_images/default_profile.png").build());
        findings.addAccount(anAccount("https://twitter.com/b").withAvatar(
                "https://abs.twimg.com/sticky/default_profile_images/default_profile.png").build());

        assertThat(edges()).noneMatch(edge -> edge.startsWith("same_avatar"));
    }

    @Test
    void crossLinkNeedsEachProfileToLinkToTheOther() {
        findings.addAccount(anAccount("https://github.com/jdoe").linkingTo("https://www.keybase.io/jdoe/").build());
        findings.addAccount(anAccount("https://keybase.io/jdoe").withBio("me on http://GitHub.com/jdoe").build());

        assertThat(edges()).containsExactly("cross_link account:github.com/jdoe account:keybase.io/jdoe 0.95");
    }

    @Test
    void aOneWayLinkIsADeclaredLink() {
        findings.addAccount(anAccount("https://github.com/jdoe").linkingTo("https://keybase.io/jdoe").build());
        findings.addAccount(anAccount("https://keybase.io/jdoe").build());

        assertThat(edges()).containsExactly("declared_link account:github.com/jdoe account:keybase.io/jdoe 0.8");
    }

    @Test
    void sameDisplayNameIgnoresCaseAccentsAndSpacingButNotSingleWords() {
        findings.addAccount(anAccount("https://a.example/1").named("Jane Doe").build());
        findings.addAccount(anAccount("https://b.example/2").named("  jane   DOE ").build());
        findings.addAccount(anAccount("https://c.example/3").named("Jäne Doe").build());
        findings.addAccount(anAccount("https://d.example/4").named("Jane").build());
        findings.addAccount(anAccount("https://e.example/5").named("jane").build());

        assertThat(edges()).containsExactlyInAnyOrder(
                "same_display_name account:a.example/1 account:b.example/2 0.4",
                "same_display_name account:a.example/1 account:c.example/3 0.4",
                "same_display_name account:b.example/2 account:c.example/3 0.4");
    }

    @Test
    void aDerivedIdentifierIsLinkedByTheRuleThatDerivedIt() {
        Account github = anAccount("https://github.com/jdoe").build();
        findings.addAccount(github);
        findings.derive(new Derivation(Findings.accountNode(github), Identifier.username("jd_codes"),
                Rule.HANDLE_IN_BIO, "bio mentions @jd_codes"), 1);
        findings.derive(new Derivation(Findings.accountNode(github), EMAIL, Rule.EMAIL_ON_PROFILE,
                "publishes jdoe@janedoe.dev"), 1);

        assertThat(edges()).containsExactly(
                "handle_in_bio account:github.com/jdoe username:jd_codes 0.5",
                "email_on_profile account:github.com/jdoe email:jdoe@janedoe.dev 0.9");
    }

    @Test
    void anAccountSeenByTwoScansIsOneNodeWithItsBestSiteConfidence() {
        findings.derive(new Derivation(EMAIL.key(), JDOE, Rule.EMAIL_LOCAL_PART, "local part"), 1);
        findings.addAccount(anAccount("https://site.example/jdoe").withUsername("jdoe").foundBy(JDOE)
                .withSiteConfidence(0.6).build());
        findings.addAccount(anAccount("https://www.site.example/jdoe/").foundBy(JDOE).withSiteConfidence(1.0).build());

        assertThat(GraphBuilder.build(findings).nodes()).hasSize(3);
        assertThat(edges()).filteredOn(edge -> edge.startsWith("same_username"))
                .containsExactly("same_username username:jdoe account:site.example/jdoe 0.5");
    }
}
