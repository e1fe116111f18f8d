package dev.osint.collectors.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The domain's mail policy (SPF from its TXT records, DMARC from {@code _dmarc}) and whether it signs with DNSSEC. */
final class MailAndDnssec {
    private static final CompletableFuture<DnsAnswer> NOT_ASKED = CompletableFuture.completedFuture(null);

    private MailAndDnssec() {}

    /**
     * The queries in flight, started beside the record queries; {@code dnskey} and {@code ds} complete with null
     * when the SOA answer showed they were not worth asking.
     */
    record Queries(CompletableFuture<DnsAnswer> dnskey, CompletableFuture<DnsAnswer> ds,
                   CompletableFuture<DnsAnswer> dmarc, CompletableFuture<Boolean> dnssecAsked) {
        void cancel() {
            dnskey.cancel(true);
            ds.cancel(true);
            dmarc.cancel(true);
        }

        /** The queries these sent: the {@code _dmarc} TXT, and DNSKEY and DS where the name may hold them. */
        int sent() {
            return 1 + (dnssecAsked.getNow(true) ? 2 : 0);
        }

        /** Adds {@code spf}, {@code dmarc} and {@code dnssec} to {@code data}; failed queries go to {@code errors}. */
        void addTo(Map<String, Object> data, List<Map<String, Object>> records, Map<String, String> errors)
                throws InterruptedException {
            data.put("spf", spf(records));
            List<Record> dmarcTxt = answers(dmarc, Type.TXT, "DMARC", errors);
            data.put("dmarc", dmarcTxt.stream().map(DnsRecordFormat::value).filter(DmarcParser::isDmarc).findFirst()
                    .flatMap(DmarcParser::parse).orElse(null));
            data.put("dnssec", dnssec(answers(dnskey, Type.DNSKEY, "DNSKEY", errors),
                    answers(ds, Type.DS, "DS", errors)));
        }
    }

    /** Asks for the {@code _dmarc} TXT now, and for DNSKEY and DS once {@code soa} shows the name may hold them. */
    static Queries ask(DnsClient client, Name domain, CompletableFuture<DnsAnswer> soa) {
        Name dmarcName;
        try {
            dmarcName = Name.concatenate(Name.fromString("_dmarc"), domain);
        } catch (Exception e) {
            dmarcName = domain; // a name too long for the prefix: its own TXT stands in, and holds no DMARC
        }
        CompletableFuture<DnsAnswer> dmarc = client.query(dmarcName, Type.TXT);
        CompletableFuture<Boolean> asked = soa.handle((answer, error) -> error != null || mayHoldKeys(answer));
        return new Queries(asked.thenCompose(yes -> yes ? client.query(domain, Type.DNSKEY) : NOT_ASKED),
                asked.thenCompose(yes -> yes ? client.query(domain, Type.DS) : NOT_ASKED), dmarc, asked);
    }

    /**
     * Whether DNSKEY and DS may exist at the name, judged from its SOA answer: they live at a zone apex (DS at the
     * parent's side of the cut), so a name that does not exist, or that a server authoritative for the enclosing
     * zone answers with "no SOA here" and that zone's SOA (not a referral, not a CNAME), holds neither.
     */
    static boolean mayHoldKeys(DnsAnswer soa) {
        if (soa.isNxdomain()) {
            return false;
        }
        if (soa.rcode() != Rcode.NOERROR || !soa.answers().isEmpty()) {
            return true;
        }
        return soa.message().getSection(Section.AUTHORITY).stream().noneMatch(r -> r.getType() == Type.SOA);
    }

    private static List<Record> answers(CompletableFuture<DnsAnswer> future, int type, String label,
                                        Map<String, String> errors) throws InterruptedException {
        try {
            DnsAnswer answer = future.get();
            return answer == null ? List.of() : answer.answers(type);
        } catch (ExecutionException e) {
            errors.put(label, e.getCause().getMessage());
            return List.of();
        }
    }

    /** The parsed SPF record; RFC 7208 §4.5 makes two of them an error, which {@code problems} then says. */
    private static Map<String, Object> spf(List<Map<String, Object>> records) {
        List<String> spf = records.stream().filter(r -> "TXT".equals(r.get("type")))
                .map(r -> (String) r.get("value")).filter(SpfParser::isSpf).toList();
        if (spf.isEmpty()) {
            return null;
        }
        Map<String, Object> parsed = new LinkedHashMap<>(SpfParser.parse(spf.getFirst()).orElseThrow());
        if (spf.size() > 1) {
            List<Object> problems = new ArrayList<>((List<?>) parsed.get("problems"));
            problems.add(spf.size() + " SPF records: receivers treat this as a permanent error");
            parsed.put("problems", problems);
        }
        return parsed;
    }

    private static Map<String, Object> dnssec(List<Record> dnskeys, List<Record> ds) {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (Record record : dnskeys) {
            DNSKEYRecord key = (DNSKEYRecord) record;
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("flags", key.getFlags());
            // 257 has the secure entry point bit: the key-signing key the parent's DS points at
            map.put("role", (key.getFlags() & 1) == 1 ? "KSK" : "ZSK");
            map.put("algorithm", key.getAlgorithm());
            map.put("key_tag", key.getFootprint());
            keys.add(map);
        }
        List<Map<String, Object>> delegations = new ArrayList<>();
        for (Record record : ds) {
            DSRecord dsRecord = (DSRecord) record;
            delegations.add(Map.of("key_tag", dsRecord.getFootprint(), "algorithm", dsRecord.getAlgorithm(),
                    "digest_type", dsRecord.getDigestID()));
        }
        Map<String, Object> dnssec = new LinkedHashMap<>();
        dnssec.put("enabled", !keys.isEmpty());
        dnssec.put("dnskeys", keys);
        dnssec.put("ds", delegations);
        return dnssec;
    }
}
