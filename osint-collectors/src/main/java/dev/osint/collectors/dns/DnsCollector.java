package dev.osint.collectors.dns;

import dev.osint.collectors.ThrottledProgress;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Resolves a domain's records (A, AAAA, CNAME, MX, NS, TXT, SOA, CAA, SRV) against the configured DNS servers. */
public final class DnsCollector implements Collector {
    static final String TYPE = "dns";
    private static final List<Integer> RECORD_TYPES =
            List.of(Type.A, Type.AAAA, Type.CNAME, Type.MX, Type.NS, Type.TXT, Type.SOA, Type.CAA);
    /** The types a service name ({@code _sip._tcp.example.com}) is asked for: SRV as well. */
    private static final List<Integer> SERVICE_RECORD_TYPES = with(RECORD_TYPES, Type.SRV);
    /** Their names for the result's {@code record_types}, written once instead of for every scan. */
    private static final List<String> RECORD_TYPE_NAMES = names(RECORD_TYPES);
    private static final List<String> SERVICE_RECORD_TYPE_NAMES = names(SERVICE_RECORD_TYPES);

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "DNSCollector")
            .description("Resolves A, AAAA, CNAME, MX, NS, TXT, SOA and CAA records (SRV for _service names)")
            .accepts(TargetKind.DOMAIN)
            .produces(EntityKind.IP, EntityKind.HOSTNAME, EntityKind.MAIL_SERVER, EntityKind.NAMESERVER,
                    EntityKind.SUBDOMAIN)
            .options(
                    OptionSpec.bool("bruteforce", false, "Also guess subdomains from a wordlist"),
                    OptionSpec.string("wordlist", Wordlists.DEFAULT, "The wordlist to guess from, by name: "
                            + Wordlists.DEFAULT + " (bundled, about 2,700 common labels) or the name of a NAME.txt"
                            + " file in the operator's " + Wordlists.DIR_SETTING).oneOf(Wordlists::names),
                    OptionSpec.integer("bruteforce_rate", 5000, "Most brute-force queries sent per second; the"
                            + " operator's resolvers take the load, so only the operator sets it")
                            .range(1, 100_000).operatorOnly(),
                    OptionSpec.integer("bruteforce_concurrency", 200, "Most brute-force queries in flight; set by"
                            + " the operator only, as the rate").range(1, 10_000).operatorOnly(),
                    OptionSpec.bool("zone_transfer", true, "Ask each name server for the whole zone (AXFR)"))
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    /** The progress clock: {@link System#nanoTime()}, or a test's. */
    private final LongSupplier clock;

    public DnsCollector() {
        this(System::nanoTime);
    }

    DnsCollector(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        String domain = context.target().value();
        Name name = absoluteName(domain);
        BruteForceOptions bruteForce = BruteForceOptions.from(context.options());
        DnsClient client = DnsClient.from(context);
        List<Integer> types = recordTypes(domain);
        double recordsShare = bruteForce.enabled() ? 0.3 : 0.8;
        ThrottledProgress progress = new ThrottledProgress(context, clock);

        // every question that needs no earlier answer goes out at once; DNSSEC waits for the SOA answer, which
        // tells whether the name is a zone apex, the only place keys and delegations live
        Map<Integer, CompletableFuture<DnsAnswer>> pending = new LinkedHashMap<>();
        for (int type : types) {
            pending.put(type, client.query(name, type));
        }
        MailAndDnssec.Queries extra = MailAndDnssec.ask(client, name, pending.get(Type.SOA));
        WildcardProbe.Probes wildcardProbes = WildcardProbe.start(client, domain);
        RecordsFound found;
        try {
            found = await(context, progress, pending, recordsShare);
        } catch (InterruptedException e) {
            extra.cancel();
            wildcardProbes.cancel();
            throw e;
        }

        if (found.answered() == 0) {
            extra.cancel();
            wildcardProbes.cancel();
            throw new RetryableCollectorException("no DNS server answered for " + domain + ": "
                    + client.describeServers() + " did not answer within " + client.timeout().toMillis() + " ms");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dns_records", found.records());
        data.put("nameservers", found.nameservers());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("nameserver", found.server() == null ? client.describeServers() : found.server());
        metadata.put("record_types", types == SERVICE_RECORD_TYPES ? SERVICE_RECORD_TYPE_NAMES : RECORD_TYPE_NAMES);
        metadata.put("record_count", found.records().size());
        if (found.nxdomainFrom() != null) {
            extra.cancel();
            wildcardProbes.cancel();
            metadata.put("query_count", types.size() + extra.sent());
            metadata.put("errors", found.errors());
            return withMetadata(CollectorOutput.notFound("NXDOMAIN: " + domain + " does not exist (answered by "
                    + found.nxdomainFrom() + ")", data), metadata);
        }
        List<Entity> entities = new ArrayList<>(entities(found.records()));
        // the answers still out are read one by one below: waited for together, they wake this thread once (the
        // wildcard probes' too, unless a zone transfer is to run while they may still be out)
        boolean zoneTransfer = context.options().bool("zone_transfer") && !found.nameservers().isEmpty();
        awaitAll(List.of(extra.dmarc(), extra.dnskey(), extra.ds()),
                zoneTransfer ? List.of() : wildcardProbes.answers());
        extra.addTo(data, found.records(), found.errors());
        metadata.put("query_count", types.size() + extra.sent());

        context.checkCancelled();
        progress.report(recordsShare, "zone transfer and wildcard checks");
        if (zoneTransfer) {
            ZoneTransferProbe probe = new ZoneTransferProbe(client, SsrfGuard.fromSettings(context.settings()));
            Map<String, Map<String, Object>> transfers = probe.attempt(name, found.nameservers());
            data.put("zone_transfer", transfers);
            entities.addAll(subdomainsFromTransfers(domain, transfers));
        }
        Set<String> wildcard = wildcardProbes.addresses();
        data.put("wildcard", WildcardProbe.describe(wildcard));

        if (bruteForce.enabled()) {
            context.checkCancelled();
            List<String> labels = SubdomainBruteForce.labels(bruteForce.wordlist(), context.settings());
            double start = recordsShare + 0.1;
            // a long run, already reported about every 100 ms by the resolver: every report is passed on
            progress.always(start, "brute force 0/" + labels.size() + " names");
            Map<String, Object> result = new SubdomainBruteForce(client).run(domain, labels, wildcard,
                    bruteForce.concurrency(), bruteForce.rate(), done -> progress.always(
                            start + (1 - start) * done / Math.max(1, labels.size()),
                            "brute force " + done + "/" + labels.size() + " names"));
            data.put("bruteforce", result);
            for (Object hit : (List<?>) result.get("found")) {
                Map<?, ?> map = (Map<?, ?>) hit;
                entities.add(Entity.of(EntityKind.SUBDOMAIN, (String) map.get("name"), TYPE,
                        Map.of("ips", map.get("ips"), "found_by", "bruteforce")));
            }
        }
        if (!found.errors().isEmpty()) {
            metadata.put("errors", found.errors());
        }
        progress.report(1.0, "dns done");
        return withMetadata(CollectorOutput.found(data, dedupe(entities)), metadata);
    }

    /** {@code output} with {@code metadata} after its own entries, in one copy rather than one per entry. */
    private static CollectorOutput withMetadata(CollectorOutput output, Map<String, Object> metadata) {
        Map<String, Object> all = new LinkedHashMap<>(output.metadata());
        all.putAll(metadata);
        return new CollectorOutput(output.success(), output.data(), output.entities(), all);
    }

    private static List<Entity> subdomainsFromTransfers(String domain, Map<String, Map<String, Object>> transfers) {
        List<Entity> subdomains = new ArrayList<>();
        for (Map<String, Object> transfer : transfers.values()) {
            for (Object record : (List<?>) transfer.getOrDefault("records", List.of())) {
                String owner = String.valueOf(((Map<?, ?>) record).get("name"));
                if (owner.endsWith("." + domain)) {
                    subdomains.add(Entity.of(EntityKind.SUBDOMAIN, owner, TYPE, Map.of("found_by", "zone_transfer")));
                }
            }
        }
        return subdomains;
    }

    private static List<Entity> dedupe(List<Entity> entities) {
        Map<String, Entity> byKey = new LinkedHashMap<>();
        for (Entity entity : entities) {
            byKey.putIfAbsent(entity.kind() + " " + entity.value(), entity);
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<Integer> recordTypes(String domain) {
        // _sip._tcp.example.com and the like name services
        return domain.startsWith("_") ? SERVICE_RECORD_TYPES : RECORD_TYPES;
    }

    private static List<Integer> with(List<Integer> types, int type) {
        List<Integer> more = new ArrayList<>(types);
        more.add(type);
        return List.copyOf(more);
    }

    private static List<String> names(List<Integer> types) {
        return types.stream().map(Type::string).toList();
    }

    static Name absoluteName(String domain) {
        try {
            return Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            throw new CollectorException("'" + domain + "' is not a DNS name: " + e.getMessage());
        }
    }

    /**
     * Waits for every query ({@link #awaitRecords}, reporting progress while answers are slow to come), then reads
     * the answers in order; the thread's interruption cancels the scan.
     */
    private static RecordsFound await(ScanContext context, ThrottledProgress progress,
                                      Map<Integer, CompletableFuture<DnsAnswer>> pending, double share)
            throws InterruptedException {
        RecordsFound found = new RecordsFound();
        int done = 0;
        try {
            awaitRecords(context, progress, pending, share);
            for (Map.Entry<Integer, CompletableFuture<DnsAnswer>> entry : pending.entrySet()) {
                String type = Type.string(entry.getKey());
                try {
                    found.add(entry.getKey(), entry.getValue().get()); // over: awaitRecords waited for each
                } catch (ExecutionException e) {
                    found.failed(type, e.getCause().getMessage());
                }
                done++;
                int doneNow = done;
                progress.report(0.02 + (share - 0.02) * done / pending.size(),
                        () -> type + " done (" + doneNow + "/" + pending.size() + ")");
            }
        } catch (InterruptedException e) {
            pending.values().forEach(f -> f.cancel(true));
            throw e;
        }
        return found;
    }

    /**
     * Waits for every record query at once, in steps of 100 ms, and says between them what the answers' reading in
     * order would be waiting for: the first one still out. One wake-up when the last answer is in, where waiting
     * for each in turn woke the thread for nearly every answer, as they are parsed one after the other.
     */
    private static void awaitRecords(ScanContext context, ThrottledProgress progress,
                                     Map<Integer, CompletableFuture<DnsAnswer>> pending, double share)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new));
        while (true) {
            context.checkCancelled();
            try {
                all.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | CancellationException e) {
                return; // every query is over; a failed one is read, and reported, in its turn
            } catch (TimeoutException e) {
                int answered = 0;
                for (Map.Entry<Integer, CompletableFuture<DnsAnswer>> entry : pending.entrySet()) {
                    if (!entry.getValue().isDone()) {
                        int before = answered;
                        progress.report(0.02 + (share - 0.02) * before / pending.size(),
                                () -> "waiting for " + Type.string(entry.getKey()) + " (" + before + "/"
                                        + pending.size() + " answered)");
                        break;
                    }
                    answered++;
                }
            }
        }
    }

    /** Waits until every one of {@code answers} is over, whatever its outcome (each is read where it is used). */
    @SafeVarargs
    private static void awaitAll(List<CompletableFuture<DnsAnswer>>... answers) throws InterruptedException {
        List<CompletableFuture<DnsAnswer>> all = new ArrayList<>();
        for (List<CompletableFuture<DnsAnswer>> some : answers) {
            for (CompletableFuture<DnsAnswer> answer : some) {
                if (!answer.isDone()) {
                    all.add(answer);
                }
            }
        }
        if (all.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException | CancellationException e) {
            // read again, and reported, where the answer is used
        }
    }

    private static List<Entity> entities(List<Map<String, Object>> records) {
        Map<String, Entity> byKey = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            String value = String.valueOf(record.get("value"));
            EntityKind kind = switch (String.valueOf(record.get("type"))) {
                case "A", "AAAA" -> EntityKind.IP;
                case "CNAME" -> EntityKind.HOSTNAME;
                case "MX" -> EntityKind.MAIL_SERVER;
                case "NS" -> EntityKind.NAMESERVER;
                default -> null;
            };
            if (kind != null && !value.isEmpty()) {
                byKey.putIfAbsent(kind + " " + value, Entity.of(kind, value, TYPE,
                        Map.of("record_type", record.get("type"), "name", record.get("name"))));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** What the queries brought back, gathered as they complete. */
    private static final class RecordsFound {
        private final List<Map<String, Object>> records = new ArrayList<>();
        private final List<String> nameservers = new ArrayList<>();
        private final Map<String, String> errors = new LinkedHashMap<>();
        private int answered;
        private String server;
        private String nxdomainFrom;

        void add(int type, DnsAnswer answer) {
            answered++;
            server = server == null ? answer.server() : server;
            if (answer.isNxdomain()) {
                nxdomainFrom = answer.server();
                errors.put(Type.string(type), "NXDOMAIN");
                return;
            }
            if (answer.rcode() != 0) {
                errors.put(Type.string(type), org.xbill.DNS.Rcode.string(answer.rcode()) + " from " + answer.server());
                return;
            }
            // only the asked type: a CNAME chain in front of it is the CNAME query's record
            for (Record record : answer.answers(type)) {
                records.add(DnsRecordFormat.toMap(record));
                if (type == Type.NS) {
                    nameservers.add(DnsRecordFormat.value(record));
                }
            }
        }

        void failed(String type, String message) {
            errors.put(type, message);
        }

        List<Map<String, Object>> records() { return records; }
        List<String> nameservers() { return nameservers; }
        Map<String, String> errors() { return errors; }
        int answered() { return answered; }
        String server() { return server; }
        String nxdomainFrom() { return nxdomainFrom; }
    }
}
