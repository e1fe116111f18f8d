package dev.osint.collectors.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses a DMARC record ({@code _dmarc.<domain>} TXT, RFC 7489 §6.3) into its tags, defaults filled in. */
final class DmarcParser {
    private static final List<String> POLICIES = List.of("none", "quarantine", "reject");

    private DmarcParser() {}

    static boolean isDmarc(String txt) {
        return txt.strip().matches("(?i)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /** The parsed record, or empty when {@code txt} is not DMARC. */
    static Optional<Map<String, Object>> parse(String txt) {
        if (!isDmarc(txt)) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String part : txt.strip().split(";")) {
            int equals = part.indexOf('=');
            if (part.isBlank()) {
                continue;
            }
            if (equals < 0) {
                problems.add("'" + part.strip() + "' is not a tag=value pair");
                continue;
            }
            tags.put(part.substring(0, equals).strip().toLowerCase(Locale.ROOT), part.substring(equals + 1).strip());
        }
        String policy = lower(tags.get("p"));
        if (policy == null) {
            problems.add("no p= tag: the record does not say what to do with failing mail");
        } else if (!POLICIES.contains(policy)) {
            problems.add("p=" + policy + " is not one of " + POLICIES);
        }
        Map<String, Object> dmarc = new LinkedHashMap<>();
        dmarc.put("record", txt.strip());
        dmarc.put("policy", policy);
        // §6.3: sp defaults to p, pct to 100, adkim and aspf to relaxed, fo to 0
        dmarc.put("subdomain_policy", tags.containsKey("sp") ? lower(tags.get("sp")) : policy);
        dmarc.put("pct", percent(tags.get("pct"), problems));
        dmarc.put("rua", uris(tags.get("rua")));
        dmarc.put("ruf", uris(tags.get("ruf")));
        dmarc.put("adkim", alignment(tags.getOrDefault("adkim", "r")));
        dmarc.put("aspf", alignment(tags.getOrDefault("aspf", "r")));
        dmarc.put("fo", Arrays.stream(tags.getOrDefault("fo", "0").split(":")).map(String::strip).toList());
        dmarc.put("tags", tags);
        dmarc.put("problems", problems);
        return Optional.of(dmarc);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static int percent(String value, List<String> problems) {
        if (value == null) {
            return 100;
        }
        try {
            int pct = Integer.parseInt(value);
            if (pct >= 0 && pct <= 100) {
                return pct;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("pct=" + value + " is not a whole number from 0 to 100");
        return 100;
    }

    /** {@code mailto:a@b.example!10m, …}: the addresses, each without its size limit. */
    private static List<String> uris(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.replaceFirst("!\\d+[kmgt]?$", "")).toList();
    }

    private static String alignment(String value) {
        return value.equalsIgnoreCase("s") ? "strict" : "relaxed";
    }
}
