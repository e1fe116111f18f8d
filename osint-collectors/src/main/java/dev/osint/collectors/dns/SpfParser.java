package dev.osint.collectors.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses an SPF record ({@code v=spf1 …}, RFC 7208 §4.6 and §12) into its mechanisms and modifiers. */
final class SpfParser {
    private static final List<String> MECHANISMS = List.of("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists");
    /** Terms that cost a DNS lookup when evaluated; RFC 7208 §4.6.4 allows at most 10. */
    private static final List<String> LOOKUP_TERMS = List.of("include", "a", "mx", "ptr", "exists", "redirect");
    private static final int LOOKUP_LIMIT = 10;

    private SpfParser() {}

    static boolean isSpf(String txt) {
        String lower = txt.strip().toLowerCase(Locale.ROOT);
        return lower.equals("v=spf1") || lower.startsWith("v=spf1 ");
    }

    /** The parsed record, or empty when {@code txt} is not SPF. */
    static Optional<Map<String, Object>> parse(String txt) {
        if (!isSpf(txt)) {
            return Optional.empty();
        }
        List<Map<String, Object>> mechanisms = new ArrayList<>();
        Map<String, String> modifiers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> byName = new LinkedHashMap<>();
        int lookups = 0;
        String[] terms = txt.strip().split("\\s+");
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            int equals = term.indexOf('=');
            int colon = term.indexOf(':');
            int slash = term.indexOf('/');
            if (equals > 0 && (colon < 0 || equals < colon) && (slash < 0 || equals < slash)) {
                // name=value is a modifier (redirect, exp or one we do not know, which RFC 7208 §6 says to ignore)
                String name = term.substring(0, equals).toLowerCase(Locale.ROOT);
                if (modifiers.putIfAbsent(name, term.substring(equals + 1)) != null
                        && (name.equals("redirect") || name.equals("exp"))) {
                    problems.add("'" + name + "' appears more than once");
                }
                lookups += name.equals("redirect") ? 1 : 0;
                continue;
            }
            char first = term.charAt(0);
            String qualifier = "+-~?".indexOf(first) >= 0 ? String.valueOf(first) : "+";
            String body = "+-~?".indexOf(first) >= 0 ? term.substring(1) : term;
            int split = indexOfAny(body, ':', '/');
            String name = (split < 0 ? body : body.substring(0, split)).toLowerCase(Locale.ROOT);
            String value = split < 0 ? "" : body.charAt(split) == ':' ? body.substring(split + 1) : body.substring(split);
            if (!MECHANISMS.contains(name)) {
                problems.add("unknown term '" + term + "'");
                continue;
            }
            if (LOOKUP_TERMS.contains(name)) {
                lookups++;
            }
            Map<String, Object> mechanism = new LinkedHashMap<>();
            mechanism.put("qualifier", qualifier);
            mechanism.put("result", result(qualifier));
            mechanism.put("mechanism", name);
            mechanism.put("value", value);
            mechanisms.add(mechanism);
            if (!value.isEmpty()) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        if (lookups > LOOKUP_LIMIT) {
            problems.add(lookups + " terms need a DNS lookup, more than the " + LOOKUP_LIMIT + " RFC 7208 allows");
        }
        Map<String, Object> spf = new LinkedHashMap<>();
        spf.put("record", txt.strip());
        spf.put("mechanisms", mechanisms);
        spf.put("modifiers", modifiers);
        spf.put("all", mechanisms.stream().filter(m -> m.get("mechanism").equals("all"))
                .map(m -> m.get("result")).findFirst().orElse(null));
        spf.put("includes", byName.getOrDefault("include", List.of()));
        spf.put("ip4", byName.getOrDefault("ip4", List.of()));
        spf.put("ip6", byName.getOrDefault("ip6", List.of()));
        spf.put("redirect", modifiers.get("redirect"));
        spf.put("dns_lookups", lookups);
        spf.put("problems", problems);
        return Optional.of(spf);
    }

    private static String result(String qualifier) {
        return switch (qualifier) {
            case "-" -> "fail";
            case "~" -> "softfail";
            case "?" -> "neutral";
            default -> "pass";
        };
    }

    private static int indexOfAny(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
