package dev.osint.collectors.dns;

import static dev.osint.core.testing.TestScanContext.aScanOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.OptionSpec;
import dev.osint.core.Options;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dns option {@code wordlist} names a list, never a file: a canary file outside the operator's directory, system
 * files, traversals in every spelling and links out of the directory are refused at submit with one text, and the
 * collector refuses them again itself, so none of their lines ever reaches a DNS server.
 */
class WordlistsTest {
    /** Labels of the canary file outside the directory; none may ever be asked of the DNS server. */
    private static final String LEAKED = "leaked-7f3c";
    private static final String CONTROL = "control-7f3c";
    private static LoopbackDnsServer dns;

    @TempDir
    Path root;
    private Path dir;
    private Path canary;

    @BeforeAll
    static void startDns() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void lists() throws Exception {
        dir = Files.createDirectory(root.resolve("wordlists"));
        Path outside = Files.createDirectory(root.resolve("outside"));
        canary = Files.write(outside.resolve("canary.txt"), List.of(LEAKED + "-1", LEAKED + "-2", "www"));
        Files.write(dir.resolve("legit.txt"), List.of("www", "vpn", CONTROL));
        Files.createSymbolicLink(dir.resolve("inner-link.txt"), dir.resolve("legit.txt"));
        Files.createSymbolicLink(dir.resolve("out.txt"), canary);
        Files.createSymbolicLink(dir.resolve("outdir.txt"), outside);
        Files.write(dir.resolve(".hidden.txt"), List.of(LEAKED + "-hidden"));
        Files.write(dir.resolve("two.parts.txt"), List.of(LEAKED + "-dotted"));
        Files.write(dir.resolve("notes.md"), List.of(LEAKED + "-notes"));
        Files.createDirectory(dir.resolve("sub.txt"));
    }

    private Settings settings() {
        return new Settings(Map.of(Wordlists.DIR_SETTING, dir.toString(), "OSINT_DNS_RESOLVERS", dns.address()));
    }

    /** Every spelling of "a file that is not an allowed list" this test knows. */
    private List<String> hostileNames() {
        return List.of(canary.toString(), "/etc/passwd", "/etc/shadow", "/proc/self/environ", "../outside/canary",
                "../outside/canary.txt", "..", ".", "../", "..%2Foutside%2Fcanary", "%2e%2e%2foutside%2fcanary",
                "%252e%252e%252foutside%252fcanary", "..\\outside\\canary", "..%5Coutside%5Ccanary",
                "legit/../../outside/canary", "legit.txt", "file://" + canary, "~/canary", "out", "outdir",
                ".hidden", "two.parts", "notes", "sub", "C:\\Windows\\win.ini", "\\\\server\\share\\list",
                "legit\u0000", "legit/", " legit", "\u2025/outside/canary", "\uFF0E\uFF0E\uFF0Foutside", "", "missing",
                dir.resolve("legit.txt").toString());
    }

    @Test
    void onlyTheBundledListsAndWellFormedFilesInsideTheDirectoryAreOffered() {
        assertThat(Wordlists.names(settings())).containsExactly("subdomains", "inner-link", "legit");
        assertThat(Wordlists.names(new Settings(Map.of()))).containsExactly("subdomains");
        assertThat(Wordlists.names(new Settings(Map.of(Wordlists.DIR_SETTING, root.resolve("nope").toString()))))
                .containsExactly("subdomains");
    }

    @Test
    void everyOtherNameIsRefusedAtSubmitWithOneTextThatDescribesNoFile() {
        Set<String> texts = new TreeSet<>();
        for (String name : hostileNames()) {
            Options.InvalidOptionsException refused = catchThrowableOfType(Options.InvalidOptionsException.class,
                    () -> Options.validate(new DnsCollector().spec().options(), Map.of("wordlist", name), settings(),
                            Options.Requester.CALLER));

            assertThat(refused).as(name).isNotNull();
            Options.Problem problem = refused.details().getFirst();
            assertThat(problem.option()).isEqualTo("wordlist");
            assertThat(problem.rule()).as(name).isIn(Options.Rule.NOT_ALLOWED);
            texts.add(problem.message().replace(" (U+0000 at position 5)", ""));
        }
        // one text for all, whatever exists on disk: it lists the allowed names and nothing of the value
        assertThat(texts).containsExactly("must be one of [subdomains, inner-link, legit]",
                "must not contain control characters");
    }

    @Test
    void theCollectorRefusesThemItselfAndNoLineOfTheCanaryReachesTheDnsServer() throws Exception {
        for (String name : hostileNames()) {
            // a control character never gets past the options check: the wordlist code is asked directly
            assertThatThrownBy(() -> {
                if (name.indexOf('\u0000') >= 0) {
                    Wordlists.open(name, settings());
                } else {
                    uncheckedScan(name).run();
                }
            }).as(name)
                    .isExactlyInstanceOf(CollectorException.class)
                    .hasMessage("options.wordlist: must be one of [subdomains, inner-link, legit]");
        }
        assertThat(dns.questions()).noneMatch(q -> q.contains(LEAKED));

        // the control: a list that is allowed does reach the server, so the check above can see a leak
        CollectorOutput output = uncheckedScan("legit").run();
        assertThat(dns.questions()).contains(CONTROL + ".open.test.").noneMatch(q -> q.contains(LEAKED));
        assertThat(output.data()).containsKey("bruteforce");
    }

    @Test
    void aLinkInsideTheDirectoryToAnotherListThereIsFollowed() throws Exception {
        assertThat(SubdomainBruteForce.labels("inner-link", settings())).containsExactly("www", "vpn", CONTROL);
        assertThat(SubdomainBruteForce.labels("subdomains", settings())).hasSizeGreaterThan(2000);
    }

    @Test
    void aDirectoryThatIsALinkStillServesItsOwnFilesOnly() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("linked-dir"), dir);
        Settings viaLink = new Settings(Map.of(Wordlists.DIR_SETTING, link.toString()));

        assertThat(Wordlists.names(viaLink)).containsExactly("subdomains", "inner-link", "legit");
        assertThatThrownBy(() -> Wordlists.open("out", viaLink)).isInstanceOf(CollectorException.class);
    }

    /**
     * A scan whose wordlist was never checked against the allowed names, as if the submit check were skipped
     * (a task written to the broker by something else): only the collector's own check stands.
     */
    private dev.osint.core.testing.TestScanContext.Builder uncheckedScan(String wordlist) {
        DnsCollector real = new DnsCollector();
        List<OptionSpec> loose = new ArrayList<>();
        for (OptionSpec option : real.spec().options()) {
            loose.add(option.name().equals("wordlist")
                    ? new OptionSpec("wordlist", "string", "subdomains", "any text") : option);
        }
        CollectorSpec spec = real.spec();
        CollectorSpec unchecked = new CollectorSpec(spec.type(), spec.name(), spec.description(), spec.accepts(),
                spec.produces(), loose, spec.secrets(), spec.rateLimit(), spec.queue(), spec.listed(), spec.upstreams());
        Collector collector = new Collector() {
            @Override public CollectorSpec spec() { return unchecked; }
            @Override public CollectorOutput collect(ScanContext context) throws Exception {
                return real.collect(context);
            }
        };
        return aScanOf(collector).target("open.test").setting(Wordlists.DIR_SETTING, dir.toString())
                .setting("OSINT_DNS_RESOLVERS", dns.address()).option("bruteforce", true).option("wordlist", wordlist)
                .option("zone_transfer", false);
    }
}
