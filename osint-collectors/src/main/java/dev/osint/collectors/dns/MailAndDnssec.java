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
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The domain's mail policy (SPF from its TXT records, DMARC from {@code _dmarc}) and whether it signs with DNSSEC. */
final class MailAndDnssec {
    /** DNSKEY, DS and the {@code _dmarc} TXT. */
    static final int QUERIES = 3;

    private MailAndDnssec() {}

    /** The queries in flight, started beside the record queries. */
    record Queries(CompletableFuture<DnsAnswer> dnskey, CompletableFuture<DnsAnswer> ds,
                   CompletableFuture<DnsAnswer> dmarc) {
        void cancel() {
            dnskey.cancel(true);
            ds.cancel(true);
            dmarc.cancel(true);
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

    static Queries ask(DnsClient client, Name domain) {
        Name dmarcName;
        try {
            dmarcName = Name.concatenate(Name.fromString("_dmarc"), domain);
        } catch (Exception e) {
            dmarcName = domain; // a name too long for the prefix: its own TXT stands in, and holds no DMARC
        }
        return new Queries(client.query(domain, Type.DNSKEY), client.query(domain, Type.DS),
                client.query(dmarcName, Type.TXT));
    }

    private static List<Record> answers(CompletableFuture<DnsAnswer> future, int type, String label,
                                        Map<String, String> errors) throws InterruptedException {
        try {
            return future.get().answers(type);
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
