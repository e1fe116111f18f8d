package dev.osint.history;

import static dev.osint.history.testing.Scans.aScan;
import static dev.osint.history.testing.Scans.ip;
import static dev.osint.history.testing.Scans.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every history store does; a subclass per store gives it a fresh, empty one. */
public abstract class HistoryStoreContractTest {
    protected HistoryStore store;

    /** An empty store. */
    protected abstract HistoryStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private HistoryQuery query() {
        return HistoryQuery.all();
    }

    @Test
    void aRecordIsReadBackAsWritten() {
        HistoryRecord written = aScan("dns", "example.com").with(ip("192.0.2.1"), subdomain("www.example.com"))
                .data("dns_records", List.of(Map.of("type", "A", "value", "192.0.2.1"))).ownedBy("alice").build();
        store.write(List.of(written));

        HistoryRecord read = store.find(written.taskId()).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("result.timestamp", "createdAt", "startedAt",
                "finishedAt", "stateHistory").isEqualTo(written);
        assertThat(read.finishedAt()).isEqualTo(written.finishedAt());
        assertThat(read.stateHistory()).isEqualTo(written.stateHistory());
        assertThat(read.result().entities()).hasSize(2);
        assertThat(store.find("no-such-task")).isEmpty();
    }

    @Test
    void writingATaskTwiceStoresItOnce() {
        HistoryRecord record = aScan("dns", "example.com").with(ip("192.0.2.1")).build();
        store.write(List.of(record));
        store.write(List.of(record, aScan("dns", "example.org").build()));
        store.write(List.of(record));

        assertThat(store.count()).isEqualTo(2);
        assertThat(store.entity(new EntityQuery(null, "192.0.2.1", null, 10, null)).sightings().items()).hasSize(1);
    }

    @Test
    void aLargeBatchWithRepeatsStoresEachTaskAndEachOfItsEntitiesOnce() {
        // the second address is the first once its NUL is dropped: one entity row
        List<HistoryRecord> earlier = new ArrayList<>();
        List<HistoryRecord> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            HistoryRecord record = aScan("dns", "host" + i + ".example.com").id(String.format("task-%03d", i))
                    .with(ip("192.0.2.1"), ip("192.0.2.\u00001"), subdomain("www" + i + ".example.com")).build();
            batch.add(record);
            if (i % 7 == 0) {
                earlier.add(record);
            }
        }
        batch.add(batch.get(150));
        store.write(earlier);
        store.write(batch);

        assertThat(store.count()).isEqualTo(300);
        assertThat(store.entity(new EntityQuery(null, "192.0.2.1", null, 1000, null)).sightings().items())
                .hasSize(300).extracting(EntitySighting::taskId).doesNotHaveDuplicates();
        assertThat(store.entityKeys(List.of("task-150", "task-299"))).isEqualTo(Map.of(
                "task-150", Set.of("ip:192.0.2.1", "subdomain:www150.example.com"),
                "task-299", Set.of("ip:192.0.2.1", "subdomain:www299.example.com")));
    }

    @Test
    void searchIsNewestFirstAndPagesWithACursor() {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two scans share each second: the task id breaks the tie
            records.add(aScan("dns", "host" + i + ".example.com").at(Instant.parse("2026-11-01T10:00:00Z")
                    .plusSeconds(i / 2)).build());
        }
        store.write(records);

        List<String> seen = everyPage(cursor -> store.search(query().withLimit(3).withCursor(cursor)),
                ScanSummary::taskId);

        assertThat(seen).containsExactlyElementsOf(newestFirst(records));
    }

    @Test
    void searchFiltersByTargetTypeStateAndTime() {
        store.write(List.of(
                aScan("dns", "example.com").id("a").at("2026-11-01T10:00:00Z").build(),
                aScan("whois", "example.com").id("b").at("2026-11-02T10:00:00Z").build(),
                aScan("dns", "Example.COM").id("c").at("2026-11-03T10:00:00Z").failed("CollectorError: x").build(),
                aScan("dns", "example.org").id("d").at("2026-11-04T10:00:00Z").build()));

        assertThat(ids(new HistoryQuery("EXAMPLE.com", null, null, null, null, null, null, 50, null)))
                .containsExactly("c", "b", "a");
        assertThat(ids(new HistoryQuery("example.com", "dns", null, null, null, null, null, 50, null)))
                .containsExactly("c", "a");
        assertThat(ids(new HistoryQuery(null, null, TaskState.FAILURE, null, null, null, null, 50, null)))
                .containsExactly("c");
        assertThat(ids(new HistoryQuery(null, null, null, Instant.parse("2026-11-02T10:00:00Z"),
                Instant.parse("2026-11-04T10:00:00Z"), null, null, 50, null))).containsExactly("c", "b");
    }

    @Test
    void fullTextFindsWordsOfTheResultAndTermsAsWritten() {
        store.write(List.of(
                aScan("dns", "example.com").id("mail").data("mx", List.of("mail.example.com"))
                        .with(ip("192.0.2.1")).build(),
                aScan("whois", "example.net").id("registrar").data("registrar", "Example Registrar, Inc.")
                        .with(ip("192.0.2.10")).build(),
                aScan("dns", "example.org").id("failed").failed("CollectorError: upstream refused").build()));

        assertThat(ids(text("mail.example.com"))).containsExactly("mail");
        assertThat(ids(text("192.0.2.1"))).containsExactly("mail");
        assertThat(ids(text("registrar"))).containsExactly("registrar");
        assertThat(ids(text("REGISTRAR example"))).containsExactly("registrar");
        assertThat(ids(text("refused"))).containsExactly("failed");
        assertThat(ids(text("nothing-like-this"))).isEmpty();
        assertThatThrownBy(() -> store.search(text("... !!"))).isInstanceOf(IllegalArgumentException.class);
    }

    private HistoryQuery text(String q) {
        return new HistoryQuery(null, null, null, null, null, q, null, 50, null);
    }

    @Test
    void anEntityIsFoundInEveryScanThatSawItWithFirstAndLastSeen() {
        store.write(List.of(
                aScan("dns", "example.com").id("dns").at("2026-11-01T10:00:00Z").with(ip("192.0.2.1")).build(),
                aScan("shodan", "192.0.2.1").kind("ip").id("shodan").at("2026-11-02T10:00:00Z")
                        .with(Entity.of(EntityKind.IP, "192.0.2.1", "shodan")).build(),
                aScan("crtsh", "example.com").id("crtsh").at("2026-11-03T10:00:00Z")
                        .with(Entity.of(EntityKind.IP, "192.0.2.1", "crtsh"), subdomain("www.example.com")).build(),
                aScan("dns", "example.org").id("other").with(ip("192.0.2.99")).build()));

        EntityLookup lookup = store.entity(new EntityQuery(null, "192.0.2.1", null, 10, null));
        assertThat(lookup.entities()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("ip");
            assertThat(e.firstSeen()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(e.lastSeen()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
            assertThat(e.scanCount()).isEqualTo(3);
        });
        assertThat(lookup.sightings().items()).extracting(EntitySighting::taskId)
                .containsExactly("crtsh", "shodan", "dns");
        assertThat(lookup.sightings().items().getFirst().type()).isEqualTo("crtsh");

        Page<EntitySighting> first = store.entity(new EntityQuery("ip", "192.0.2.1", null, 2, null)).sightings();
        Page<EntitySighting> second = store.entity(new EntityQuery("ip", "192.0.2.1", null, 2, first.nextCursor()))
                .sightings();
        assertThat(first.items()).extracting(EntitySighting::taskId).containsExactly("crtsh", "shodan");
        assertThat(second.items()).extracting(EntitySighting::taskId).containsExactly("dns");
        assertThat(second.nextCursor()).isNull();
        assertThat(store.entity(new EntityQuery("subdomain", "192.0.2.1", null, 10, null)).entities()).isEmpty();
    }

    @Test
    void sightingsSeenAtOneTimePageInTaskIdOrder() {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // three scans share a time: the task id orders them, and the cursor goes on from the right one
            records.add(aScan("dns", "host" + i + ".example.com").id("task-" + (i * 5 % 7))
                    .at(Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i / 3)).with(ip("192.0.2.7")).build());
        }
        store.write(records);

        List<String> seen = everyPage(cursor -> store.entity(new EntityQuery(null, "192.0.2.7", null, 2, cursor))
                .sightings(), EntitySighting::taskId);

        assertThat(seen).containsExactlyElementsOf(newestFirst(records));
    }

    @Test
    void entityValuesAreMatchedWithoutRegardToCaseAndByPrefix() {
        store.write(List.of(
                aScan("crtsh", "example.com").with(subdomain("WWW.example.com"), subdomain("mail.example.com"),
                        subdomain("www2.example.com")).build(),
                aScan("crtsh", "example.org").with(subdomain("www.example.com")).build()));

        assertThat(store.entity(new EntityQuery(null, "www.EXAMPLE.com", null, 10, null)).entities())
                .singleElement().extracting(EntitySummary::scanCount).isEqualTo(2L);
        assertThat(store.entitiesByPrefix(null, "WW", null, 10)).extracting(EntitySummary::value)
                .containsExactly("WWW.example.com", "www2.example.com");
        assertThat(store.entitiesByPrefix("ip", "www", null, 10)).isEmpty();
        assertThat(store.entitiesByPrefix(null, "m", null, 1)).singleElement()
                .extracting(EntitySummary::value).isEqualTo("mail.example.com");
    }

    @Test
    void ownersSeeTheirOwnScansAndEntities() {
        store.write(List.of(aScan("dns", "example.com").id("alice's").ownedBy("alice").with(ip("192.0.2.1")).build(),
                aScan("dns", "example.com").id("bob's").ownedBy("bob").with(ip("192.0.2.1")).build()));

        assertThat(ids(query().withOwner("alice"))).containsExactly("alice's");
        assertThat(store.entity(new EntityQuery(null, "192.0.2.1", "bob", 10, null)).sightings().items())
                .extracting(EntitySighting::taskId).containsExactly("bob's");
        assertThat(store.entitiesByPrefix(null, "192", "carol", 10)).isEmpty();
    }

    @Test
    void purgesDropOldScansOrATargetsScansWithTheirEntities() {
        store.write(List.of(
                aScan("dns", "old.example").id("old").at("2026-01-01T00:00:00Z").with(ip("192.0.2.1")).build(),
                aScan("dns", "new.example").id("new").at("2026-11-01T00:00:00Z").with(ip("192.0.2.1")).build(),
                aScan("whois", "Person.Example").id("person").at("2026-11-01T00:00:00Z").build()));

        assertThat(store.purgeBefore(Instant.parse("2026-06-01T00:00:00Z"))).isEqualTo(1);
        assertThat(store.find("old")).isEmpty();
        assertThat(store.entity(new EntityQuery(null, "192.0.2.1", null, 10, null)).sightings().items())
                .extracting(EntitySighting::taskId).containsExactly("new");

        assertThat(store.purgeTarget("person.example")).isEqualTo(1);
        assertThat(store.count()).isEqualTo(1);
        assertThat(ids(text("person"))).isEmpty();
    }

    @Test
    void entityKeysListEachScansEntities() {
        store.write(List.of(aScan("dns", "example.com").id("one").with(ip("192.0.2.1"), subdomain("a.example.com"))
                .build(), aScan("dns", "example.com").id("two").build()));

        assertThat(store.entityKeys(List.of("one", "two"))).isEqualTo(Map.of(
                "one", Set.of("ip:192.0.2.1", "subdomain:a.example.com"), "two", Set.of()));
    }

    @Test
    void hostileStringsAreStored() {
        HistoryRecord record = aScan("social", "jdoe").kind("username").id("nul")
                .data("bio", "before\u0000after \\u0000 'quoted' \"double\" ; DROP TABLE scans; --")
                .data("lines", "tab\there\nnew line\r\nback\\slash \\N \\t")
                .with(Entity.of(EntityKind.ACCOUNT, "https://example.com/u/j\u0000doe", "social"),
                        Entity.of(EntityKind.USERNAME, "j\tdoe\\N\nx", "social")).build();
        store.write(List.of(record));

        HistoryRecord read = store.find("nul").orElseThrow();
        assertThat(read.result().data().get("bio")).isEqualTo(
                "beforeafter \\u0000 'quoted' \"double\" ; DROP TABLE scans; --");
        assertThat(read.result().data().get("lines")).isEqualTo("tab\there\nnew line\r\nback\\slash \\N \\t");
        assertThat(store.entity(new EntityQuery(null, "J\tdoe\\n\nX", null, 10, null)).entities())
                .extracting(EntitySummary::value).containsExactly("j\tdoe\\N\nx");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aCursorThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> store.search(query().withCursor("garbage!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
    }

    private List<String> ids(HistoryQuery query) {
        return store.search(query).items().stream().map(ScanSummary::taskId).toList();
    }

    /** The task ids of every page, following the cursors from the first page to the last. */
    private static <T> List<String> everyPage(Function<String, Page<T>> pageAt, Function<T, String> taskId) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = pageAt.apply(cursor);
            page.items().forEach(item -> seen.add(taskId.apply(item)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    /** The order the history pages in: newest first, the task id (descending) between scans of one time. */
    private static List<String> newestFirst(List<HistoryRecord> records) {
        return records.stream().sorted((a, b) -> {
            int byTime = b.finishedAt().compareTo(a.finishedAt());
            return byTime != 0 ? byTime : b.taskId().compareTo(a.taskId());
        }).map(HistoryRecord::taskId).toList();
    }
}
