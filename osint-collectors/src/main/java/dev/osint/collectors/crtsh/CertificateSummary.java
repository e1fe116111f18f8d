package dev.osint.collectors.crtsh;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns crt.sh's rows into one summary per name seen under a domain, and subdomain entities. A certificate is an
 * issuance (issuer and serial number): crt.sh lists a precertificate and its final certificate as two rows.
 */
final class CertificateSummary {
    private static final String WILDCARD = "*.";

    private final String domain;
    private final Instant now;
    private final Map<String, NameSeen> names = new TreeMap<>();
    private final Set<String> otherNames = new TreeSet<>();
    private final Set<String> certificates = new TreeSet<>();

    /** What is known about one name; the dates are the certificates' validity starts and ends. */
    private static final class NameSeen {
        final Set<String> certificates = new TreeSet<>();
        final Set<String> issuers = new TreeSet<>();
        LocalDateTime firstSeen;
        LocalDateTime lastSeen;
        LocalDateTime validUntil;
    }

    CertificateSummary(String domain, Instant now) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.now = now;
    }

    /** Adds every row; names are split, trimmed, lower-cased and de-duplicated. */
    CertificateSummary addAll(List<CrtshEntry> entries) {
        for (CrtshEntry entry : entries) {
            add(entry);
        }
        return this;
    }

    private void add(CrtshEntry entry) {
        if (entry == null || entry.nameValue() == null) {
            return;
        }
        String certificate = entry.issuerCaId() + "/" + (entry.serialNumber() == null ? "id" + entry.id()
                : entry.serialNumber().toLowerCase(Locale.ROOT));
        certificates.add(certificate);
        for (String raw : entry.nameValue().split("\n")) {
            String name = normalise(raw);
            if (name.isEmpty()) {
                continue;
            }
            if (!isUnderDomain(bare(name))) {
                otherNames.add(name);
                continue;
            }
            NameSeen seen = names.computeIfAbsent(name, n -> new NameSeen());
            seen.certificates.add(certificate);
            if (entry.issuerName() != null) {
                seen.issuers.add(entry.issuerName());
            }
            seen.firstSeen = earliest(seen.firstSeen, entry.notBefore());
            seen.lastSeen = latest(seen.lastSeen, entry.notBefore());
            seen.validUntil = latest(seen.validUntil, entry.notAfter());
        }
    }

    private static String normalise(String raw) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String bare(String name) {
        return name.startsWith(WILDCARD) ? name.substring(WILDCARD.length()) : name;
    }

    private boolean isUnderDomain(String name) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** The collector's {@code data}: names sorted, each with its summary. */
    Map<String, Object> data() {
        List<Map<String, Object>> summaries = new ArrayList<>();
        names.forEach((name, seen) -> {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", name);
            summary.put("wildcard", name.startsWith(WILDCARD));
            summary.put("certificate_count", seen.certificates.size());
            summary.put("first_seen", text(seen.firstSeen));
            summary.put("last_seen", text(seen.lastSeen));
            summary.put("valid_until", text(seen.validUntil));
            summary.put("expired", seen.validUntil == null || seen.validUntil.toInstant(ZoneOffset.UTC).isBefore(now));
            summary.put("issuers", List.copyOf(seen.issuers));
            summaries.add(summary);
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("domain", domain);
        data.put("certificate_count", certificates.size());
        data.put("name_count", names.size());
        data.put("names", summaries);
        data.put("other_names", List.copyOf(otherNames));
        return data;
    }

    /**
     * One subdomain entity per host below the domain; a wildcard name gives its base host, marked
     * {@code wildcard: true}, since {@code *.dev.example.com} says {@code dev.example.com} exists.
     */
    List<Entity> entities(String source) {
        Map<String, Boolean> hosts = new TreeMap<>();
        for (String name : names.keySet()) {
            String host = bare(name);
            if (!host.equals(domain)) {
                hosts.merge(host, name.startsWith(WILDCARD), Boolean::logicalOr);
            }
        }
        List<Entity> entities = new ArrayList<>();
        hosts.forEach((host, wildcard) -> entities.add(Entity.of(EntityKind.SUBDOMAIN, host, source,
                Map.of("wildcard", wildcard))));
        return entities;
    }

    private static LocalDateTime earliest(LocalDateTime a, LocalDateTime b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }

    private static String text(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC).toString();
    }
}
