package dev.osint.collectors.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.TargetKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which child scans each kind of identifier gets. */
class ScanPlannerTest {
    private final ScanPlanner planner = new ScanPlanner();

    private List<String> plan(TargetKind kind, String value) {
        return planner.plan(new Identifier(kind, value)).stream().map(p -> p.type() + " " + p.options()).toList();
    }

    @Test
    void anEmailGetsItsGravatarAndItsBreaches() {
        assertThat(plan(TargetKind.EMAIL, "jdoe@janedoe.dev"))
                .containsExactly("social {platforms=[gravatar]}", "haveibeenpwned {}");
    }

    @Test
    void aUsernameIsCheckedOnSitesAndSocialPlatforms() {
        assertThat(plan(TargetKind.USERNAME, "jdoe")).containsExactly("username {}", "social {}");
    }

    @Test
    void aDomainGetsDnsAndWhois() {
        assertThat(plan(TargetKind.DOMAIN, "janedoe.dev")).containsExactly("dns {}", "whois {}");
    }

    @Test
    void aPhoneNumberAsksForAPhoneCollector() {
        assertThat(plan(TargetKind.PHONE, "+351912345678")).containsExactly("phone {}");
    }

    @Test
    void aNameIsNotScannedItselfOnlyThroughItsUsernames() {
        assertThat(plan(TargetKind.PERSON_NAME, "Jane Doe")).isEmpty();
    }
}
