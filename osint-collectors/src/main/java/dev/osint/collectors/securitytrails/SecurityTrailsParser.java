package dev.osint.collectors.securitytrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Turns SecurityTrails' domain details, subdomain list and A-record history into a result's data and entities. */
final class SecurityTrailsParser {
    static final String SECURITYTRAILS = "SecurityTrails";

    /** What the answers say: the result's {@code data} and the entities found in them. */
    record Parsed(Map<String, Object> data, List<Entity> entities) {}

    private SecurityTrailsParser() {}

    /**
     * @param details      {@code GET /domain/{d}}
     * @param subdomains   {@code GET /domain/{d}/subdomains}, or null when SecurityTrails had none
     * @param historyPages {@code GET /history/{d}/dns/a}, one answer per page read
     */
    static Parsed parse(String domain, JsonNode details, JsonNode subdomains, List<JsonNode> historyPages) {
        requireObject(details);
        JsonNode dns = details.path("current_dns");
        if (!dns.isObject()) {
            throw malformed("'current_dns' is missing or not an object");
        }
        Map<String, IpSeen> ips = new LinkedHashMap<>();
        Map<String, Entity> others = new LinkedHashMap<>();

        Map<String, Object> current = new LinkedHashMap<>();
        current.put("a", addresses(dns.path("a"), "ip", "A", ips));
        current.put("aaaa", addresses(dns.path("aaaa"), "ipv6", "AAAA", ips));
        List<Map<String, Object>> mx = new ArrayList<>();
        for (JsonNode value : values(dns.path("mx"))) {
            String host = requiredText(value, "hostname");
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("hostname", host);
            record.put("priority", value.path("priority").isInt() ? value.path("priority").asInt() : null);
            record.put("organization", text(value, "hostname_organization"));
            record.values().removeIf(Objects::isNull);
            mx.add(record);
            others.putIfAbsent("mx " + host, Entity.of(EntityKind.MAIL_SERVER, host, SecurityTrailsCollector.TYPE,
                    Map.of("domain", domain)));
        }
        current.put("mx", mx);
        List<String> nameservers = new ArrayList<>();
        for (JsonNode value : values(dns.path("ns"))) {
            String nameserver = requiredText(value, "nameserver");
            nameservers.add(nameserver);
            others.putIfAbsent("ns " + nameserver, Entity.of(EntityKind.NAMESERVER, nameserver,
                    SecurityTrailsCollector.TYPE, Map.of("domain", domain)));
        }
        current.put("ns", nameservers);
        List<Map<String, Object>> soa = new ArrayList<>();
        for (JsonNode value : values(dns.path("soa"))) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("email", text(value, "email"));
            record.put("ttl", value.path("ttl").isInt() ? value.path("ttl").asInt() : null);
            record.values().removeIf(Objects::isNull);
            soa.add(record);
        }
        current.put("soa", soa);
        List<String> txt = new ArrayList<>();
        for (JsonNode value : values(dns.path("txt"))) {
            txt.add(requiredText(value, "value"));
        }
        current.put("txt", txt);

        List<String> names = subdomains == null ? List.of() : subdomains(domain, subdomains);
        List<Map<String, Object>> history = new ArrayList<>();
        int pages = 0;
        for (JsonNode page : historyPages) {
            requireObject(page);
            pages = Math.max(pages, page.path("pages").asInt(0));
            history.addAll(history(page, ips));
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("domain", domain);
        data.put("current_dns", current);
        data.put("subdomains", names);
        data.put("subdomain_count", details.path("subdomain_count").isInt() ? details.path("subdomain_count").asInt()
                : names.size());
        if (subdomains != null && subdomains.path("meta").path("limit_reached").asBoolean(false)) {
            data.put("subdomains_limit_reached", true);
        }
        data.put("a_history", history);
        data.put("a_history_pages", pages);
        data.put("a_history_pages_read", historyPages.size());

        List<Entity> entities = new ArrayList<>();
        for (String name : names) {
            entities.add(Entity.of(EntityKind.SUBDOMAIN, name, SecurityTrailsCollector.TYPE, Map.of("domain", domain)));
        }
        ips.forEach((ip, seen) -> entities.add(Entity.of(EntityKind.IP, ip, SecurityTrailsCollector.TYPE,
                seen.attributes(domain))));
        entities.addAll(others.values());
        return new Parsed(data, entities);
    }

    /** The {@code subdomains} labels as full names: {@code api.dev} below {@code example.net} is {@code api.dev.example.net}. */
    static List<String> subdomains(String domain, JsonNode body) {
        requireObject(body);
        TreeSet<String> names = new TreeSet<>();
        JsonNode labels = body.path("subdomains");
        if (!labels.isMissingNode() && !labels.isArray()) {
            throw malformed("'subdomains' is not an array");
        }
        for (JsonNode label : labels) {
            if (!label.isTextual()) {
                throw malformed("'subdomains' holds something other than names");
            }
            String text = label.asText().strip().toLowerCase(Locale.ROOT);
            if (!text.isEmpty()) {
                names.add(text + "." + domain);
            }
        }
        return List.copyOf(names);
    }

    private static List<Map<String, Object>> addresses(JsonNode block, String field, String type, Map<String, IpSeen> ips) {
        String firstSeen = text(block, "first_seen");
        List<Map<String, Object>> result = new ArrayList<>();
        for (JsonNode value : values(block)) {
            String ip = requiredText(value, field);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("ip", ip);
            record.put("organization", text(value, field + "_organization"));
            record.put("count", value.path(field + "_count").isInt() ? value.path(field + "_count").asInt() : null);
            record.values().removeIf(Objects::isNull);
            result.add(record);
            IpSeen seen = ips.computeIfAbsent(ip, k -> new IpSeen(type));
            seen.current = true;
            seen.seen(firstSeen, null);
            String organization = text(value, field + "_organization");
            if (organization != null) {
                seen.organizations.add(organization);
            }
        }
        return result;
    }

    private static List<Map<String, Object>> history(JsonNode page, Map<String, IpSeen> ips) {
        JsonNode records = page.path("records");
        if (!records.isMissingNode() && !records.isArray()) {
            throw malformed("'records' is not an array");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (JsonNode record : records) {
            String firstSeen = text(record, "first_seen");
            String lastSeen = text(record, "last_seen");
            List<String> organizations = new ArrayList<>();
            record.path("organizations").forEach(o -> {
                if (o.isTextual()) {
                    organizations.add(o.asText());
                }
            });
            List<String> addresses = new ArrayList<>();
            for (JsonNode value : values(record)) {
                String ip = requiredText(value, "ip");
                addresses.add(ip);
                IpSeen seen = ips.computeIfAbsent(ip, k -> new IpSeen("A"));
                seen.seen(firstSeen, lastSeen);
                seen.organizations.addAll(organizations);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ips", addresses);
            entry.put("organizations", organizations);
            entry.put("first_seen", firstSeen);
            // null: the record is still being served
            entry.put("last_seen", lastSeen);
            entry.values().removeIf(Objects::isNull);
            result.add(entry);
        }
        return result;
    }

    private static Iterable<JsonNode> values(JsonNode block) {
        if (block.isMissingNode() || block.isNull()) {
            return List.of();
        }
        JsonNode values = block.path("values");
        if (!block.isObject() || !(values.isArray() || values.isMissingNode())) {
            throw malformed("a record block has no 'values' array");
        }
        return values;
    }

    private static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw malformed("expected a JSON object, got " + body.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw malformed("'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    static CollectorException malformed(String why) {
        return new CollectorException(SECURITYTRAILS + " sent a malformed answer: " + why);
    }

    /** What is known of one address: current or not, the earliest and latest day it was seen, by whom it is run. */
    private static final class IpSeen {
        private final String recordType;
        private final TreeSet<String> organizations = new TreeSet<>();
        private boolean current;
        private boolean stillServed;
        private String firstSeen;
        private String lastSeen;

        IpSeen(String recordType) {
            this.recordType = recordType;
        }

        /** Dates are {@code YYYY-MM-DD}, so their text order is their time order; a null last seen means "still". */
        void seen(String first, String last) {
            if (first != null && (firstSeen == null || first.compareTo(firstSeen) < 0)) {
                firstSeen = first;
            }
            if (last == null) {
                stillServed = true;
            } else if (lastSeen == null || last.compareTo(lastSeen) > 0) {
                lastSeen = last;
            }
        }

        Map<String, Object> attributes(String domain) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("domain", domain);
            attributes.put("record_type", recordType);
            attributes.put("current", current);
            attributes.put("first_seen", firstSeen);
            // an address still served has no last day yet
            attributes.put("last_seen", current || stillServed ? null : lastSeen);
            attributes.put("organizations", List.copyOf(organizations));
            attributes.values().removeIf(Objects::isNull);
            return attributes;
        }
    }
}
