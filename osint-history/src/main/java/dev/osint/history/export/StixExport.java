package dev.osint.history.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.history.HistoryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A STIX 2.1 bundle: each scan becomes a {@code report} naming it (created by the {@code identity} "osint"),
 * its target and entities become cyber-observables (domain-name, ipv4-addr, ipv6-addr, email-addr, user-account,
 * url, x509-certificate, autonomous-system, network-traffic, file, software) or SDOs (vulnerability, identity),
 * and relationships say what the scan found: the target is {@code related-to} each finding, a name
 * {@code resolves-to} its address, an address {@code belongs-to} its autonomous system. Entities with no STIX
 * counterpart (breaches, phone numbers, places: the OASIS bundle schema refuses {@code location} objects) are
 * listed in the report's {@code x_osint_unmapped_entities}.
 * Identifiers are deterministic (see {@link StixIds}), so exporting twice gives the same objects.
 */
final class StixExport {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ASN = Pattern.compile("(?i)(?:AS)?(\\d{1,10})");
    private static final String TOOL_NAME = "osint";

    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    private final String identity;

    private StixExport() {
        Map<String, Object> tool = sdo("identity", StixIds.of("identity", TOOL_NAME), Instant.EPOCH);
        tool.put("name", TOOL_NAME);
        tool.put("identity_class", "system");
        tool.put("description", "the osint platform's scan history");
        this.identity = add(tool);
    }

    static void write(List<HistoryRecord> scans, OutputStream out) throws IOException {
        StixExport bundle = new StixExport();
        scans.forEach(bundle::report);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "bundle");
        root.put("id", StixIds.of("bundle", String.join(",", scans.stream().map(HistoryRecord::taskId).toList())));
        root.put("objects", new ArrayList<>(bundle.objects.values()));
        try (JsonGenerator json = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT)
                .createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeObject(root);
        }
    }

    private String add(Map<String, Object> object) {
        String id = (String) object.get("id");
        objects.putIfAbsent(id, object);
        return id;
    }

    private Map<String, Object> sdo(String type, String id, Instant at) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", id);
        if (identity != null) {
            object.put("created_by_ref", identity);
        }
        object.put("created", MILLIS.format(at));
        object.put("modified", MILLIS.format(at));
        return object;
    }

    private void report(HistoryRecord scan) {
        List<String> refs = new ArrayList<>();
        List<Map<String, String>> unmapped = new ArrayList<>();
        Optional<String> target = targetObject(scan);
        target.ifPresent(refs::add);
        for (Entity entity : scan.entities()) {
            Optional<String> found = entityObject(entity, scan.finishedAt());
            if (found.isEmpty()) {
                unmapped.add(Map.of("kind", entity.kind().wireName(), "value", entity.value()));
                continue;
            }
            refs.add(found.get());
            target.filter(t -> !t.equals(found.get()))
                    .ifPresent(t -> refs.add(relationship(t, "related-to", found.get(), scan,
                            "found by a " + scan.type() + " scan of " + scan.target())));
            refs.addAll(impliedRelationships(entity, found.get(), scan));
        }
        Map<String, Object> report = sdo("report", StixIds.of("report", scan.taskId()), scan.finishedAt());
        report.put("name", scan.type() + " scan of " + scan.target());
        report.put("description", scan.state() + (scan.error() == null ? "" : ": " + scan.error())
                + "; " + scan.entities().size() + " entities");
        report.put("report_types", List.of("observed-data"));
        report.put("published", MILLIS.format(scan.finishedAt()));
        if (refs.isEmpty()) {
            refs.add(identity); // a report must name at least one object
        }
        report.put("object_refs", refs.stream().distinct().toList());
        report.put("external_references", List.of(Map.of("source_name", TOOL_NAME, "external_id", scan.taskId(),
                "description", "osint task id; GET /api/v1/history/" + scan.taskId())));
        report.put("x_osint_task_id", scan.taskId());
        report.put("x_osint_collector_type", scan.type());
        if (!unmapped.isEmpty()) {
            report.put("x_osint_unmapped_entities", unmapped);
        }
        add(report);
    }

    private Optional<String> targetObject(HistoryRecord scan) {
        String value = scan.target();
        return switch (scan.targetKind()) {
            case "domain" -> Optional.of(domain(value));
            case "ip", "cidr" -> address(value);
            case "email" -> email(value);
            case "username" -> Optional.of(account(Map.of("account_login", value)));
            case "url" -> url(value);
            case "hash" -> file(value);
            case "person_name" -> Optional.of(identityOf(value, "individual", scan.finishedAt()));
            default -> Optional.empty();
        };
    }

    private Optional<String> entityObject(Entity entity, Instant at) {
        String value = entity.value();
        Map<String, Object> attributes = entity.attributes();
        return switch (entity.kind()) {
            case DOMAIN, SUBDOMAIN, HOSTNAME, NAMESERVER, MAIL_SERVER -> Optional.of(domain(value));
            case IP, NETBLOCK -> address(value);
            case EMAIL -> email(value);
            case USERNAME -> Optional.of(account(Map.of("account_login", value)));
            case ACCOUNT -> Optional.of(account(accountProperties(value, attributes)));
            case URL -> url(value);
            case HASH -> file(value);
            case CERTIFICATE -> Optional.of(certificate(value, attributes));
            case PORT -> traffic(attributes);
            case TECHNOLOGY -> Optional.of(sco("software", Map.of("name", value)));
            case VULNERABILITY -> vulnerability(value, at);
            case ORGANIZATION -> Optional.of(identityOf(value, "organization", at));
            case PERSON -> Optional.of(identityOf(value, "individual", at));
            default -> Optional.empty();
        };
    }

    /** Relationships an entity's attributes state: a name and its address, an address and its network. */
    private List<String> impliedRelationships(Entity entity, String id, HistoryRecord scan) {
        List<String> refs = new ArrayList<>();
        Map<String, Object> attributes = entity.attributes();
        if (entity.kind() == EntityKind.IP && attributes.get("name") instanceof String name && !name.isBlank()) {
            String domain = domain(name);
            refs.add(domain);
            refs.add(relationship(domain, "resolves-to", id, scan, null));
        }
        if (isName(entity.kind())) {
            List<Object> ips = new ArrayList<>();
            if (attributes.get("ip") instanceof String ip) {
                ips.add(ip);
            }
            if (attributes.get("ips") instanceof List<?> list) {
                ips.addAll(list);
            }
            for (Object ip : ips) {
                address(String.valueOf(ip)).ifPresent(address -> {
                    refs.add(address);
                    refs.add(relationship(id, "resolves-to", address, scan, null));
                });
            }
        }
        if (entity.kind() == EntityKind.IP && attributes.get("asn") != null) {
            var matcher = ASN.matcher(String.valueOf(attributes.get("asn")));
            if (matcher.matches()) {
                Map<String, Object> as = new LinkedHashMap<>();
                as.put("number", Long.parseLong(matcher.group(1)));
                if (attributes.get("org") instanceof String org) {
                    as.put("name", org);
                }
                String asId = sco("autonomous-system", as, "number");
                refs.add(asId);
                refs.add(relationship(id, "belongs-to", asId, scan, null));
            }
        }
        return refs;
    }

    private static boolean isName(EntityKind kind) {
        return kind == EntityKind.DOMAIN || kind == EntityKind.SUBDOMAIN || kind == EntityKind.HOSTNAME
                || kind == EntityKind.NAMESERVER || kind == EntityKind.MAIL_SERVER;
    }

    private String relationship(String source, String type, String target, HistoryRecord scan, String description) {
        Map<String, Object> relationship = sdo("relationship",
                StixIds.of("relationship", source + "|" + type + "|" + target), scan.finishedAt());
        relationship.put("relationship_type", type);
        relationship.put("source_ref", source);
        relationship.put("target_ref", target);
        if (description != null) {
            relationship.put("description", description);
        }
        return add(relationship);
    }

    /** An SCO whose every property contributes to its id. */
    private String sco(String type, Map<String, Object> properties) {
        return sco(type, properties, properties.keySet().toArray(String[]::new));
    }

    private String sco(String type, Map<String, Object> properties, String... contributing) {
        Map<String, Object> idProperties = new LinkedHashMap<>();
        for (String name : contributing) {
            if (properties.containsKey(name)) {
                idProperties.put(name, properties.get(name));
            }
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", StixIds.sco(type, idProperties));
        object.putAll(properties);
        return add(object);
    }

    private String domain(String value) {
        return sco("domain-name", Map.of("value", value.toLowerCase(Locale.ROOT)));
    }

    /** An address or CIDR block; anything else (a range "a - b", a malformed value) has no STIX form. */
    private Optional<String> address(String value) {
        String text = value.strip();
        String host = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        if (!host.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(host);
            String type = parsed instanceof java.net.Inet4Address ? "ipv4-addr" : "ipv6-addr";
            if (text.contains("/")) {
                int bits = Integer.parseInt(text.substring(text.indexOf('/') + 1));
                if (bits < 0 || bits > (type.equals("ipv4-addr") ? 32 : 128)) {
                    return Optional.empty();
                }
            }
            return Optional.of(sco(type, Map.of("value", text)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Optional<String> email(String value) {
        return EMAIL.matcher(value).matches() ? Optional.of(sco("email-addr", Map.of("value", value)))
                : Optional.empty();
    }

    private String account(Map<String, Object> properties) {
        return sco("user-account", properties, "account_type", "user_id", "account_login");
    }

    /** An ACCOUNT entity's value is its profile URL: the account's unique id on its platform. */
    private static Map<String, Object> accountProperties(String value, Map<String, Object> attributes) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("user_id", value);
        Object login = attributes.getOrDefault("username", attributes.get("login"));
        if (login instanceof String text && !text.isBlank()) {
            properties.put("account_login", text);
        }
        Object site = attributes.getOrDefault("site", attributes.get("platform"));
        if (site instanceof String text && !text.isBlank()) {
            properties.put("account_type", text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        }
        if (attributes.get("display_name") instanceof String name && !name.isBlank()) {
            properties.put("display_name", name);
        }
        return properties;
    }

    private Optional<String> url(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(sco("url", Map.of("value", value)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Optional<String> file(String value) {
        String algorithm = !HEX.matcher(value).matches() ? null : switch (value.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA-1";
            case 64 -> "SHA-256";
            case 128 -> "SHA-512";
            default -> null;
        };
        if (algorithm == null) {
            return Optional.empty();
        }
        return Optional.of(sco("file", Map.of("hashes", Map.of(algorithm, value.toLowerCase(Locale.ROOT))),
                "hashes"));
    }

    private String certificate(String value, Map<String, Object> attributes) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (value.length() == 64 && HEX.matcher(value).matches()) {
            properties.put("hashes", Map.of("SHA-256", value.toLowerCase(Locale.ROOT)));
        } else {
            properties.put("serial_number", value);
        }
        for (String name : List.of("issuer", "subject")) {
            if (attributes.get(name) instanceof String text) {
                properties.put(name, text);
            }
        }
        return sco("x509-certificate", properties, "hashes", "serial_number");
    }

    private Optional<String> traffic(Map<String, Object> attributes) {
        if (!(attributes.get("ip") instanceof String ip) || !(attributes.get("port") instanceof Number port)) {
            return Optional.empty();
        }
        return address(ip).map(address -> {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("dst_ref", address);
            properties.put("dst_port", port.intValue());
            Object transport = attributes.getOrDefault("transport", "tcp");
            properties.put("protocols", List.of(String.valueOf(transport).toLowerCase(Locale.ROOT)));
            return sco("network-traffic", properties, "dst_ref", "dst_port", "protocols");
        });
    }

    private Optional<String> vulnerability(String value, Instant at) {
        Map<String, Object> object = sdo("vulnerability", StixIds.of("vulnerability", value.toUpperCase(Locale.ROOT)),
                at);
        object.put("name", value);
        if (CVE.matcher(value).matches()) {
            object.put("external_references", List.of(Map.of("source_name", "cve",
                    "external_id", value.toUpperCase(Locale.ROOT))));
        }
        return Optional.of(add(object));
    }

    private String identityOf(String name, String identityClass, Instant at) {
        Map<String, Object> object = sdo("identity", StixIds.of("identity", identityClass + "|" + name), at);
        object.put("name", name);
        object.put("identity_class", identityClass);
        return add(object);
    }

}
