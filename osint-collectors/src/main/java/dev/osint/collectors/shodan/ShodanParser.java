package dev.osint.collectors.shodan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Turns Shodan's host and domain answers, and InternetDB's, into a result's data and entities. */
final class ShodanParser {
    static final String SHODAN = "Shodan";
    static final String INTERNETDB = "Shodan InternetDB";

    /** What one answer says: the result's {@code data} and the entities found in it. */
    record Parsed(Map<String, Object> data, List<Entity> entities) {}

    private ShodanParser() {}

    /** Shodan sometimes answers 200 with {@code {"error": "…"}}; its own client treats that as a failure too. */
    static Optional<String> error(JsonNode body) {
        JsonNode error = body.path("error");
        return error.isTextual() ? Optional.of(error.asText()) : Optional.empty();
    }

    /** {@code GET /shodan/host/{ip}}: the host, every open port with its banner, every CVE. */
    static Parsed host(JsonNode body) {
        requireObject(SHODAN, body);
        String ip = requiredText(SHODAN, body, "ip_str");
        List<Map<String, Object>> services = new ArrayList<>();
        TreeSet<Integer> ports = new TreeSet<>(ints(SHODAN, body, "ports"));
        TreeSet<String> vulns = new TreeSet<>(texts(SHODAN, body, "vulns"));
        Map<String, Map<String, Object>> cves = new LinkedHashMap<>();
        Entities entities = new Entities();

        for (JsonNode banner : array(SHODAN, body, "data")) {
            int port = requiredPort(SHODAN, banner);
            ports.add(port);
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("port", port);
            service.put("transport", text(banner, "transport"));
            service.put("module", text(banner.path("_shodan"), "module"));
            service.put("product", text(banner, "product"));
            service.put("version", text(banner, "version"));
            service.put("cpes", texts(SHODAN, banner, "cpe23"));
            service.put("timestamp", text(banner, "timestamp"));
            List<String> bannerVulns = new ArrayList<>();
            // a banner's vulns are an object keyed by CVE id, unlike the host's list
            banner.path("vulns").properties().forEach(cve -> {
                bannerVulns.add(cve.getKey());
                Map<String, Object> details = cves.computeIfAbsent(cve.getKey(), k -> new LinkedHashMap<>());
                JsonNode cvss = cve.getValue().path("cvss");
                if (cvss.isNumber()) {
                    details.put("cvss", cvss.asDouble());
                }
                if (cve.getValue().path("verified").isBoolean()) {
                    details.put("verified", cve.getValue().path("verified").asBoolean());
                }
                details.put("summary", text(cve.getValue(), "summary"));
                @SuppressWarnings("unchecked")
                TreeSet<Integer> seenOn = (TreeSet<Integer>) details.computeIfAbsent("ports", k -> new TreeSet<Integer>());
                seenOn.add(port);
            });
            vulns.addAll(bannerVulns);
            service.put("vulns", bannerVulns);
            services.add(withoutNulls(service));
            Map<String, Object> open = new LinkedHashMap<>();
            open.put("ip", ip);
            open.put("port", port);
            open.put("transport", text(banner, "transport"));
            open.put("product", text(banner, "product"));
            open.put("version", text(banner, "version"));
            entities.add(EntityKind.PORT, endpoint(ip, port), withoutNulls(open));
        }
        for (int port : ports) {
            entities.add(EntityKind.PORT, endpoint(ip, port), Map.of("ip", ip, "port", port));
        }
        for (String cve : vulns) {
            Map<String, Object> attributes = new LinkedHashMap<>(cves.getOrDefault(cve, Map.of()));
            attributes.put("ip", ip);
            attributes.computeIfPresent("ports", (k, v) -> List.copyOf((TreeSet<?>) v));
            entities.add(EntityKind.VULNERABILITY, cve, withoutNulls(attributes));
        }
        List<String> hostnames = texts(SHODAN, body, "hostnames");
        for (String hostname : hostnames) {
            entities.add(EntityKind.HOSTNAME, hostname, Map.of("ip", ip));
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "shodan");
        data.put("ip", ip);
        data.put("hostnames", hostnames);
        data.put("domains", texts(SHODAN, body, "domains"));
        data.put("org", text(body, "org"));
        data.put("isp", text(body, "isp"));
        data.put("asn", text(body, "asn"));
        data.put("os", text(body, "os"));
        data.put("country_code", text(body, "country_code"));
        data.put("country_name", text(body, "country_name"));
        data.put("city", text(body, "city"));
        data.put("last_update", text(body, "last_update"));
        data.put("tags", texts(SHODAN, body, "tags"));
        data.put("ports", List.copyOf(ports));
        data.put("vulns", List.copyOf(vulns));
        data.put("services", services);
        return new Parsed(withoutNulls(data), entities.list());
    }

    /** {@code GET /{ip}} of InternetDB: ports, hostnames, CPEs, tags and CVEs, without banners. */
    static Parsed internetDb(JsonNode body) {
        requireObject(INTERNETDB, body);
        String ip = requiredText(INTERNETDB, body, "ip");
        List<Integer> ports = new ArrayList<>(new TreeSet<>(ints(INTERNETDB, body, "ports")));
        List<String> vulns = new ArrayList<>(new TreeSet<>(texts(INTERNETDB, body, "vulns")));
        List<String> hostnames = texts(INTERNETDB, body, "hostnames");
        Entities entities = new Entities();
        for (int port : ports) {
            entities.add(EntityKind.PORT, endpoint(ip, port), Map.of("ip", ip, "port", port));
        }
        for (String cve : vulns) {
            entities.add(EntityKind.VULNERABILITY, cve, Map.of("ip", ip));
        }
        for (String hostname : hostnames) {
            entities.add(EntityKind.HOSTNAME, hostname, Map.of("ip", ip));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "internetdb");
        data.put("ip", ip);
        data.put("ports", ports);
        data.put("hostnames", hostnames);
        data.put("cpes", texts(INTERNETDB, body, "cpes"));
        data.put("tags", texts(INTERNETDB, body, "tags"));
        data.put("vulns", vulns);
        return new Parsed(data, entities.list());
    }

    /** {@code GET /dns/domain/{domain}}: subdomains as full names, the DNS records Shodan saw, ports on A records. */
    static Parsed domain(JsonNode body, String domain) {
        requireObject(SHODAN, body);
        Entities entities = new Entities();
        TreeSet<String> subdomains = new TreeSet<>();
        for (String label : texts(SHODAN, body, "subdomains")) {
            if (!label.isBlank()) {
                subdomains.add(fullName(label, domain));
            }
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode entry : array(SHODAN, body, "data")) {
            String type = requiredText(SHODAN, entry, "type");
            String value = requiredText(SHODAN, entry, "value");
            String label = text(entry, "subdomain");
            String name = label == null || label.isEmpty() ? domain : fullName(label, domain);
            if (!name.equals(domain)) {
                subdomains.add(name);
            }
            List<Integer> ports = ints(SHODAN, entry, "ports");
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name", name);
            record.put("type", type);
            record.put("value", value);
            record.put("last_seen", text(entry, "last_seen"));
            if (!ports.isEmpty()) {
                record.put("ports", ports);
            }
            records.add(withoutNulls(record));
            if (type.equals("A") || type.equals("AAAA")) {
                Map<String, Object> seen = new LinkedHashMap<>();
                seen.put("hostname", name);
                seen.put("record_type", type);
                seen.put("last_seen", text(entry, "last_seen"));
                entities.add(EntityKind.IP, value, withoutNulls(seen));
                for (int port : ports) {
                    entities.add(EntityKind.PORT, endpoint(value, port), Map.of("ip", value, "port", port,
                            "hostname", name));
                }
            }
        }
        for (String subdomain : subdomains) {
            entities.add(EntityKind.SUBDOMAIN, subdomain, Map.of("domain", domain));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "shodan");
        data.put("domain", domain);
        data.put("subdomains", List.copyOf(subdomains));
        data.put("records", records);
        data.put("tags", texts(SHODAN, body, "tags"));
        data.put("more", body.path("more").asBoolean(false));
        return new Parsed(data, entities.list());
    }

    /** {@code www} and {@code example.net} make {@code www.example.net}. */
    static String fullName(String label, String domain) {
        return label.toLowerCase(Locale.ROOT) + "." + domain;
    }

    /** {@code 198.51.100.23:443}, or {@code [2001:db8::23]:443}: one value per open port and host. */
    static String endpoint(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static void requireObject(String upstream, JsonNode body) {
        if (!body.isObject()) {
            throw malformed(upstream, "expected a JSON object, got " + body.getNodeType().name().toLowerCase(Locale.ROOT));
        }
    }

    private static String requiredText(String upstream, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw malformed(upstream, "'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static int requiredPort(String upstream, JsonNode banner) {
        JsonNode port = banner.path("port");
        if (!port.canConvertToInt() || !port.isIntegralNumber()) {
            throw malformed(upstream, "a banner has no numeric 'port'");
        }
        return port.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Iterable<JsonNode> array(String upstream, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw malformed(upstream, "'" + field + "' is not an array");
        }
        return value;
    }

    private static List<String> texts(String upstream, JsonNode node, String field) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array(upstream, node, field)) {
            if (!item.isTextual()) {
                throw malformed(upstream, "'" + field + "' holds a " + item.getNodeType().name().toLowerCase(Locale.ROOT)
                        + " where a string belongs");
            }
            result.add(item.asText());
        }
        return result;
    }

    private static List<Integer> ints(String upstream, JsonNode node, String field) {
        List<Integer> result = new ArrayList<>();
        for (JsonNode item : array(upstream, node, field)) {
            if (!item.isIntegralNumber()) {
                throw malformed(upstream, "'" + field + "' holds something other than port numbers");
            }
            result.add(item.asInt());
        }
        return result;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        map.values().removeIf(java.util.Objects::isNull);
        return map;
    }

    static CollectorException malformed(String upstream, String why) {
        return new CollectorException(upstream + " sent a malformed answer: " + why);
    }

    /** Entities in the order found, one per kind and value; the first sighting's attributes win. */
    private static final class Entities {
        private final Map<String, Entity> byKey = new LinkedHashMap<>();

        void add(EntityKind kind, String value, Map<String, Object> attributes) {
            byKey.putIfAbsent(kind + " " + value, Entity.of(kind, value, ShodanCollector.TYPE, attributes));
        }

        List<Entity> list() {
            return List.copyOf(byKey.values());
        }
    }
}
