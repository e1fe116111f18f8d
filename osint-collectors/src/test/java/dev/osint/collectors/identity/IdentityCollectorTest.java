package dev.osint.collectors.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Identity scans on a real in-memory queue, their children answered by fixture collectors of the real types. */
class IdentityCollectorTest {
    private final JaneDoe jane = new JaneDoe();
    private final CountDownLatch release = new CountDownLatch(1);
    private IdentityQueue queue;

    @AfterEach
    void stop() {
        release.countDown();
        if (queue != null) {
            queue.close();
        }
    }

    private TaskRecord submit(String target, Map<String, Object> options) {
        if (queue == null) {
            queue = new IdentityQueue(jane.collectors());
        }
        return queue.submit(target, options);
    }

    private TaskRecord scan(String target, Map<String, Object> options) {
        TaskRecord done = awaitEnd(submit(target, options));
        assertThat(done.state()).as("identity scan ended with %s", done.error()).isEqualTo(TaskState.SUCCESS);
        return done;
    }

    private TaskRecord awaitEnd(TaskRecord task) {
        return queue.awaitEnd(task);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(TaskRecord task, String... path) {
        Object value = task.result().data();
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> node(TaskRecord task, String id) {
        return list(task, "graph", "nodes").stream().filter(n -> n.get("id").equals(id)).findFirst()
                .map(n -> (Map<String, Object>) n.get("attributes"))
                .orElseThrow(() -> new AssertionError("no node " + id));
    }

    private static List<String> edges(TaskRecord task) {
        return list(task, "graph", "edges").stream()
                .map(e -> e.get("rule") + " " + e.get("from") + " " + e.get("to") + " " + e.get("confidence"))
                .toList();
    }

    @Test
    void anEmailIsLookedUpOnGravatarAndInBreachesAndItsOwnDomainInDnsAndWhois() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of("depth", 0));

        assertThat(jane.scans()).containsExactlyInAnyOrder("social " + JaneDoe.EMAIL, "haveibeenpwned "
                + JaneDoe.EMAIL, "dns janedoe.dev", "whois janedoe.dev");
        assertThat(jane.social.scanned.getFirst()).contains("platforms=[gravatar]");
        assertThat(done.result().data()).containsEntry("rounds", 1);
        assertThat(node(done, "email:" + JaneDoe.EMAIL)).containsEntry("breaches", List.of("Adobe", "LinkedIn"));
        assertThat(node(done, "domain:janedoe.dev")).containsEntry("mail_servers", List.of("mx1.janedoe.dev"))
                .containsEntry("scanned", true);
    }

    @Test
    void aUsernameIsCheckedOnSitesAndOnSocialPlatforms() {
        scan("janedoe", Map.of("depth", 0));

        assertThat(jane.scans()).containsExactlyInAnyOrder("username janedoe", "social janedoe");
    }

    @Test
    void aNameIsSearchedThroughTheUsernamesItSuggests() {
        TaskRecord done = scan("Jane Doe", Map.of("depth", 0));

        assertThat(jane.username.targets()).containsExactlyInAnyOrder("janedoe", "jane.doe", "jane_doe", "jdoe");
        assertThat(jane.social.targets()).containsExactlyInAnyOrder("janedoe", "jane.doe", "jane_doe", "jdoe");
        assertThat(edges(done)).contains("name_variant person_name:jane doe username:janedoe 0.3",
                "same_display_name person_name:jane doe account:github.com/janedoe 0.4");
        assertThat(list(done, "summary", "names").getFirst()).containsEntry("value", "Jane Doe")
                .containsEntry("confidence", 1.0);
    }

    @Test
    void aPhoneNumberWithNoPhoneCollectorHasItsScanListedAsSkipped() {
        TaskRecord done = scan("+351 912 345 678", Map.of());

        assertThat(list(done, "children")).singleElement().satisfies(child -> {
            assertThat(child).containsEntry("type", "phone").containsEntry("state", "SKIPPED");
            assertThat((String) child.get("error")).contains("unknown collector type 'phone'");
        });
        assertThat(done.result().success()).isFalse();
    }

    @Test
    void anEmailsLocalPartIsScannedAsAUsernameInTheNextRound() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of());

        assertThat(jane.username.targets()).contains("jdoe");
        assertThat(list(done, "children")).anySatisfy(child -> assertThat(child).containsEntry("target", "jdoe")
                .containsEntry("type", "username").containsEntry("round", 1));
        assertThat(edges(done)).contains("email_local_part email:jdoe@janedoe.dev username:jdoe 0.6");
        assertThat(done.result().data()).containsEntry("rounds", 2);
    }

    @Test
    void depthZeroScansOnlyTheTargetAndShowsWhatADeeperScanWouldFollow() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of("depth", 0));

        assertThat(jane.username.scanned).isEmpty();
        assertThat(node(done, "username:jdoe")).containsEntry("scanned", false).containsEntry("depth", 1);
        assertThat(node(done, "username:janedoe")).containsEntry("scanned", false);
    }

    @Test
    void noIdentifierIsScannedTwiceHoweverOftenItIsFound() {
        // janedoe is named by the Gravatar (its username and its GitHub link), by GitHub and by GitLab
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of("depth", 3));

        assertThat(jane.scans()).doesNotHaveDuplicates()
                .contains("username janedoe", "social janedoe", "username jd_codes", "dns janedoe.dev");
        assertThat(list(done, "children")).hasSize(jane.scans().size());
        // round 3 (depth 2) scanned jd_codes, found in round 2; it revealed nothing, so no fourth round ran
        assertThat(done.result().data()).containsEntry("rounds", 3);
    }

    @Test
    void theDepthBoundsHowFarDerivedIdentifiersAreFollowed() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of("depth", 1));

        assertThat(jane.username.targets()).containsExactlyInAnyOrder("janedoe", "jdoe");
        assertThat(node(done, "username:jd_codes")).containsEntry("scanned", false).containsEntry("depth", 2);
    }

    @Test
    void theGraphLinksAccountsByTheirEvidence() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of());

        String email = "email:" + JaneDoe.EMAIL;
        assertThat(edges(done)).contains(
                "found_by_email " + email + " account:gravatar.com/janedoe 0.95",
                "cross_link account:github.com/janedoe account:gravatar.com/janedoe 0.95",
                "same_avatar " + email + " account:gitlab.com/janedoe 0.9",
                "same_display_name account:gravatar.com/janedoe account:github.com/janedoe 0.4",
                "same_username username:janedoe account:reddit.com/user/janedoe 0.35",
                "declared_link account:gravatar.com/janedoe username:janedoe 0.8",
                "handle_in_bio account:github.com/janedoe username:jd_codes 0.5");
    }

    @Test
    void accountsNamesAndPlacesAreRankedByTheirStrongestEvidence() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of());

        List<Map<String, Object>> accounts = list(done, "summary", "accounts");
        assertThat(accounts).extracting(a -> a.get("url"))
                .containsExactly(JaneDoe.GRAVATAR, JaneDoe.GITHUB, JaneDoe.GITLAB, JaneDoe.REDDIT);
        // GitHub: the Gravatar (0.95) links to it and back, and both say "Jane Doe": 1 - (1 - 0.95)(1 - 0.4)
        double github = Rule.FOUND_BY_EMAIL.confidence()
                * (1 - (1 - Rule.CROSS_LINK.confidence()) * (1 - Rule.SAME_DISPLAY_NAME.confidence()));
        assertThat(accounts.get(1)).containsEntry("confidence", Confidences.round(github));
        assertThat(list(done, "summary", "names")).extracting(n -> n.get("value"))
                .containsExactly("Jane Doe", "Jane D.");
        assertThat(list(done, "summary", "locations")).extracting(l -> l.get("value"))
                .containsExactly("Lisbon, Portugal");
        assertThat(done.result().entities()).filteredOn(e -> e.kind() == EntityKind.ACCOUNT)
                .extracting(Entity::value).containsExactly(JaneDoe.GRAVATAR, JaneDoe.GITHUB, JaneDoe.GITLAB,
                        JaneDoe.REDDIT);
        assertThat(done.result().entities()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EntityKind.PERSON);
            assertThat(e.value()).isEqualTo("Jane Doe");
        });
    }

    @Test
    void aFailedChildIsListedWithItsErrorAndTheScanStillSucceeds() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of("depth", 0));

        assertThat(list(done, "children")).anySatisfy(child -> assertThat(child).containsEntry("type", "whois")
                .containsEntry("state", "FAILURE")
                .containsEntry("error", "CollectorError: rdap.example answered 403: the query was refused"));
        assertThat(done.result().success()).isTrue();
    }

    @Test
    void aDepthOutsideZeroToThreeIsRefusedWithTheReasonBeforeAnythingIsQueued() {
        // refused at submit: neither the identity scan nor any child is queued
        assertThatThrownBy(() -> submit(JaneDoe.EMAIL, Map.of("depth", 4)))
                .isInstanceOf(dev.osint.core.Options.InvalidOptionsException.class)
                .hasMessage("options.depth: must be from 0 to 3, got 4");
        assertThatThrownBy(() -> submit(JaneDoe.EMAIL, Map.of("depth", -1)))
                .isInstanceOf(dev.osint.core.Options.InvalidOptionsException.class)
                .hasMessage("options.depth: must be from 0 to 3, got -1");
        assertThat(jane.scans()).isEmpty();
    }

    @Test
    void maxChildrenStopsQueueingAtTheBudget() {
        TaskRecord done = scan(JaneDoe.EMAIL, Map.of("max_children", 5));

        // the email's four scans fit; janedoe's two would make six
        assertThat(jane.scans()).hasSize(4);
        assertThat(done.result().data()).containsEntry("max_children_reached", true);
        assertThat(node(done, "username:janedoe")).containsEntry("scanned", false);
    }

    @Test
    void progressCountsChildrenDoneOfChildrenQueued() {
        jane.dns.answering("janedoe.dev", context -> {
            release.await();
            return CollectorOutput.notFound("no records", Map.of());
        });
        TaskRecord task = submit(JaneDoe.EMAIL, Map.of("depth", 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> "round 1: 3 of 4 sub-scans done"
                .equals(queue.status(task.id()).stage()));
        assertThat(queue.status(task.id()).progress()).isEqualTo(71);
        release.countDown();
        assertThat(awaitEnd(task).state()).isEqualTo(TaskState.SUCCESS);
    }

    @Test
    void revokingTheIdentityScanRevokesItsChildren() {
        AtomicBoolean interrupted = new AtomicBoolean();
        jane.username.answering("janedoe", context -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return CollectorOutput.notFound("nothing", Map.of());
        });
        TaskRecord parent = submit("janedoe", Map.of("depth", 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> jane.username.targets().contains("janedoe"));
        TaskRecord child = queue.broker.active().stream().filter(t -> parent.id().equals(t.parentId())
                && t.type().equals("username")).findFirst().orElseThrow();

        queue.scans.cancel(parent.id());

        await().atMost(Duration.ofSeconds(5)).until(() -> queue.status(child.id()).state() == TaskState.REVOKED);
        await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
        assertThat(queue.status(parent.id()).state()).isEqualTo(TaskState.REVOKED);
    }
}
