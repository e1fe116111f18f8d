package dev.osint.collectors.whois;

import dev.osint.collectors.net.FailureKind;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Registration data of a domain or IP network: RDAP first, port-43 WHOIS along its referral chain second. */
public final class WhoisCollector implements Collector {
    static final String TYPE = "whois";
    static final String RDAP_OPTION = "rdap";
    /** The raw answer kept in the result; a registrar's full answer is a few KiB. */
    static final int MAX_RAW_CHARS = 64 * 1024;
    /** Registries and registrars throttle clients that query in bursts. */
    private static final RateLimit PER_SERVER = RateLimit.perSecond(2);
    /** The RDAP server of each TLD or address block, found in IANA's bootstrap files. */
    static final UpstreamSpec RDAP = UpstreamSpec.http("rdap", "RDAP servers", null)
            .timeout(Duration.ofSeconds(15)).rateLimit(PER_SERVER).circuitPerServer();
    /** IANA's dns.json, fetched when the bundled copy is stale. */
    static final UpstreamSpec RDAP_BOOTSTRAP = UpstreamSpec.http("rdap_bootstrap", "RDAP bootstrap (IANA)",
            RdapBootstraps.DEFAULT_REFRESH_URL).baseUrl(RdapBootstraps.REFRESH_URL_SETTING,
            RdapBootstraps.DEFAULT_REFRESH_URL).timeout(Duration.ofSeconds(10));
    /** Port 43: IANA first, then the registry and the registrar its answers refer to (two referrals). */
    static final UpstreamSpec WHOIS = UpstreamSpec.whois("whois", "WHOIS servers (port 43)",
            WhoisReferralChain.SERVER_SETTING, WhoisReferralChain.DEFAULT_SERVER).timeout(Duration.ofSeconds(10))
            .rateLimit(PER_SERVER).maxBodyBytes(256 * 1024).followRedirects(2);

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "WhoisCollector")
            .description("Registrar, dates, status, name servers, DNSSEC, registrant and abuse contact of a domain "
                    + "or IP network, from RDAP or port-43 WHOIS")
            .accepts(TargetKind.DOMAIN, TargetKind.IP, TargetKind.CIDR)
            .produces(EntityKind.NAMESERVER, EntityKind.EMAIL, EntityKind.ORGANIZATION, EntityKind.NETBLOCK)
            .options(OptionSpec.bool(RDAP_OPTION, true,
                    "Ask RDAP first; false goes straight to port-43 WHOIS (whois.iana.org and its referrals)"))
            .upstreams(RDAP, RDAP_BOOTSTRAP, WHOIS)
            .build();

    private final Clock clock;

    public WhoisCollector() {
        this(Clock.systemUTC());
    }

    /** With the clock that decides whether the bundled RDAP bootstrap is stale. */
    WhoisCollector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        TargetKind kind = context.target().kind();
        String value = checkedQuery(context.target().value());
        String rdapProblem = null;
        FailureKind rdapFailure = null;
        java.time.Duration rdapRetryAfter = null;
        String rdapSkipped = "the scan's option rdap is false";
        if (context.options().bool(RDAP_OPTION)) {
            context.progress(0.05, "finding the RDAP server");
            Optional<URI> server = RdapLookup.serverFor(context, kind, value, clock);
            if (server.isPresent()) {
                context.progress(0.1, "asking " + server.get().getHost());
                try {
                    return rdapOutput(RdapLookup.ask(context, server.get(), kind, value), kind, value);
                } catch (CollectorException e) {
                    rdapFailure = FailureKind.of(e).orElse(null);
                    // a 5xx or a 429 is retried as RDAP asks (and opens its circuit if it goes on); no answer at
                    // all, an open circuit or a final error (refused, malformed) leave port 43, which holds the
                    // same facts, to answer now
                    if (e instanceof RetryableCollectorException && (rdapFailure == null || !rdapFailure.noAnswer())) {
                        throw e;
                    }
                    rdapProblem = e.getMessage();
                    rdapRetryAfter = e instanceof RetryableCollectorException r ? r.retryAfter() : null;
                }
            } else {
                rdapSkipped = "no RDAP service is known for " + value;
            }
        }
        String query = kind == TargetKind.CIDR ? value.substring(0, value.indexOf('/')) : value;
        WhoisReferralChain.Chain chain;
        try {
            chain = WhoisReferralChain.from(context).follow(query);
        } catch (RetryableCollectorException e) {
            throw rdapProblem == null ? e : new RetryableCollectorException(e.getMessage() + "; RDAP did not answer"
                    + " either: " + rdapProblem, e.retryAfter() != null ? e.retryAfter() : rdapRetryAfter);
        }
        CollectorOutput output = whoisOutput(chain, kind, value);
        if (rdapProblem != null) {
            output = output.withMetadata("rdap_error", rdapProblem);
            if (rdapFailure != null) {
                output = output.withMetadata("rdap_failure", rdapFailure.name().toLowerCase(Locale.ROOT));
            }
        } else {
            output = output.withMetadata("rdap_skipped", rdapSkipped);
        }
        context.progress(1.0, "registration data read");
        return output;
    }

    /**
     * The target as it may be sent: CR, LF, NUL and every other control character, spaces and anything else a
     * domain, address or block never holds are refused here, before a connection opens, whatever parsed the target.
     */
    static String checkedQuery(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new CollectorException(String.format("the target holds a control character (U+%04X) at "
                        + "position %d; it is refused before any query is sent", (int) c, i));
            }
        }
        if (!value.matches("[A-Za-z0-9._:/-]{1,253}")) {
            throw new CollectorException("the target '" + value + "' holds characters no domain or IP address "
                    + "has; it is refused before any query is sent");
        }
        return value;
    }

    private static CollectorOutput rdapOutput(RdapLookup.Answer answer, TargetKind kind, String value) {
        if (!answer.registered()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", "rdap");
            data.put("raw", capped(answer.errorText()));
            return CollectorOutput.notFound(notRegistered(kind, value) + " (RDAP server " + answer.server()
                    + " answered 404)", data).withMetadata("rdap_server", answer.server());
        }
        RegistrationRecord record = answer.record();
        Map<String, Object> data = record.toData("rdap", List.of(), capped(answer.raw()));
        return withCommonMetadata(CollectorOutput.found(data, entities(record, value)), record, answer.raw())
                .withMetadata("rdap_server", answer.server());
    }

    private static CollectorOutput whoisOutput(WhoisReferralChain.Chain chain, TargetKind kind, String value) {
        List<WhoisReferralChain.Hop> answers = new ArrayList<>();
        for (WhoisReferralChain.Hop hop : chain.hops()) {
            if (!WhoisTextParser.isRegistryDirectory(hop.text())) {
                answers.add(hop);
            }
        }
        String raw = rawText(chain.hops());
        RegistrationRecord record = new RegistrationRecord();
        // the deepest answer (the registrar's) wins; the registry's fills what it leaves out
        for (int i = answers.size() - 1; i >= 0; i--) {
            record.fillFrom(WhoisTextParser.parse(answers.get(i).text(), kind != TargetKind.DOMAIN));
        }
        CollectorOutput output;
        Optional<WhoisReferralChain.Hop> denial = answers.stream()
                .filter(hop -> WhoisTextParser.saysNotRegistered(hop.text())).findFirst();
        if (answers.isEmpty() || denial.isPresent() && record.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", "whois");
            data.put("referral_chain", chain.servers());
            data.put("raw", capped(raw));
            String reason = denial.map(hop -> notRegistered(kind, value) + " (" + hop.server() + ")")
                    .orElse(chain.servers().getLast() + " names no WHOIS server that knows " + value);
            output = CollectorOutput.notFound(reason, data);
        } else {
            Map<String, Object> data = record.toData("whois", chain.servers(), capped(raw));
            output = withCommonMetadata(CollectorOutput.found(data, entities(record, value)), record, raw);
        }
        output = output.withMetadata("whois_servers", chain.servers());
        if (!chain.problems().isEmpty()) {
            output = output.withMetadata("whois_problems", chain.problems());
        }
        if (chain.hops().stream().anyMatch(WhoisReferralChain.Hop::truncated)) {
            output = output.withMetadata("answer_truncated", true);
        }
        return output;
    }

    private static String notRegistered(TargetKind kind, String value) {
        return kind == TargetKind.DOMAIN ? "not registered: " + value + " is not a registered domain"
                : "not registered: no network record holds " + value;
    }

    private static CollectorOutput withCommonMetadata(CollectorOutput output, RegistrationRecord record, String raw) {
        CollectorOutput result = output;
        if (record.databaseUpdated != null) {
            result = result.withMetadata("database_updated", record.databaseUpdated);
        }
        if (raw != null && raw.length() > MAX_RAW_CHARS) {
            result = result.withMetadata("raw_truncated", true);
        }
        return result;
    }

    /** Each server's answer under a {@code # server} line, as the {@code whois} command prints a chain. */
    private static String rawText(List<WhoisReferralChain.Hop> hops) {
        StringBuilder raw = new StringBuilder();
        for (WhoisReferralChain.Hop hop : hops) {
            raw.append("# ").append(hop.server()).append("\n\n").append(hop.text().strip()).append("\n\n");
        }
        return raw.toString().strip();
    }

    private static String capped(String raw) {
        return raw == null || raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS);
    }

    private static List<Entity> entities(RegistrationRecord record, String value) {
        List<Entity> entities = new ArrayList<>();
        for (String nameserver : record.nameservers) {
            entities.add(Entity.of(EntityKind.NAMESERVER, nameserver, TYPE, Map.of("domain", value)));
        }
        if (record.abuseEmail != null) {
            entities.add(Entity.of(EntityKind.EMAIL, record.abuseEmail.toLowerCase(java.util.Locale.ROOT), TYPE,
                    Map.of("role", "abuse", "of", value)));
        }
        if (record.registrantOrganization != null) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("role", "registrant");
            attributes.put("of", value);
            if (record.registrantCountry != null) {
                attributes.put("country", record.registrantCountry);
            }
            entities.add(Entity.of(EntityKind.ORGANIZATION, record.registrantOrganization, TYPE, attributes));
        }
        if (record.network != null) {
            List<String> blocks = new ArrayList<>(record.network.cidrs);
            if (blocks.isEmpty() && record.network.startAddress != null && record.network.endAddress != null) {
                blocks.add(record.network.startAddress + " - " + record.network.endAddress);
            }
            for (String block : blocks) {
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("holds", value);
                if (record.network.name != null) {
                    attributes.put("name", record.network.name);
                }
                if (record.network.handle != null) {
                    attributes.put("handle", record.network.handle);
                }
                entities.add(Entity.of(EntityKind.NETBLOCK, block, TYPE, attributes));
            }
        }
        return entities;
    }
}
