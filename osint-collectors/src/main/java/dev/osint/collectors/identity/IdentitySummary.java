package dev.osint.collectors.identity;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.TargetKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person reads first: likely names, locations and linked accounts, each ranked by confidence. A name or
 * place shown by several accounts is more likely: each account is a separate witness, {@code 1 - Π(1 - c)}.
 */
public record IdentitySummary(List<Ranked> names, List<Ranked> locations, List<RankedAccount> accounts) {
    /** A value and how likely it belongs to the target. */
    public record Ranked(String value, double confidence) {}

    /** An account and how likely it belongs to the target. */
    public record RankedAccount(String url, String platform, String username, double confidence) {}

    public static IdentitySummary of(Findings findings, Map<String, Double> confidence) {
        Map<String, Witnessed> names = new LinkedHashMap<>();
        Map<String, Witnessed> locations = new LinkedHashMap<>();
        List<RankedAccount> accounts = new ArrayList<>();
        for (Findings.Known known : findings.identifiers()) {
            if (known.identifier().kind() == TargetKind.PERSON_NAME) {
                witness(names, known.identifier().value(), confidence.getOrDefault(known.identifier().key(), 0.0));
            }
        }
        for (Account account : findings.accounts()) {
            double c = confidence.getOrDefault(Findings.accountNode(account), 0.0);
            accounts.add(new RankedAccount(account.url(), account.platform(), account.username(), c));
            witness(names, account.displayName(), c);
            witness(locations, account.location(), c);
        }
        accounts.sort(Comparator.comparingDouble(RankedAccount::confidence).reversed()
                .thenComparing(RankedAccount::url));
        return new IdentitySummary(ranked(names), ranked(locations), accounts);
    }

    /** The result's {@code summary}. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("names", names.stream().map(r -> Map.of("value", r.value(), "confidence",
                Confidences.round(r.confidence()))).toList());
        map.put("locations", locations.stream().map(r -> Map.of("value", r.value(), "confidence",
                Confidences.round(r.confidence()))).toList());
        map.put("accounts", accounts.stream().map(a -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", a.url());
            entry.put("platform", a.platform());
            entry.put("confidence", Confidences.round(a.confidence()));
            return entry;
        }).toList());
        return map;
    }

    /** Accounts, usernames, emails, domains, names and places, each with its confidence. */
    List<Entity> entities(Findings findings, Map<String, Double> confidence) {
        List<Entity> entities = new ArrayList<>();
        for (RankedAccount account : accounts) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            Optional.ofNullable(account.platform()).ifPresent(p -> attributes.put("platform", p));
            Optional.ofNullable(account.username()).ifPresent(u -> attributes.put("username", u));
            entities.add(new Entity(EntityKind.ACCOUNT, account.url(), IdentityCollector.TYPE,
                    Confidences.round(account.confidence()), attributes));
        }
        for (Findings.Known known : findings.identifiers()) {
            EntityKind kind = switch (known.identifier().kind()) {
                case USERNAME -> EntityKind.USERNAME;
                case EMAIL -> EntityKind.EMAIL;
                case DOMAIN -> EntityKind.DOMAIN;
                case PHONE -> EntityKind.PHONE;
                default -> null;
            };
            double c = confidence.getOrDefault(known.identifier().key(), 0.0);
            if (kind != null && c > 0) {
                entities.add(new Entity(kind, known.identifier().value(), IdentityCollector.TYPE,
                        Confidences.round(c), Map.of("depth", known.depth())));
            }
        }
        names.forEach(n -> entities.add(new Entity(EntityKind.PERSON, n.value(), IdentityCollector.TYPE,
                Confidences.round(n.confidence()), Map.of())));
        locations.forEach(l -> entities.add(new Entity(EntityKind.LOCATION, l.value(), IdentityCollector.TYPE,
                Confidences.round(l.confidence()), Map.of())));
        return entities;
    }

    /** A value seen by one more witness of confidence {@code c}; spellings that differ only in case are one. */
    private static void witness(Map<String, Witnessed> seen, String value, double c) {
        if (value == null || value.isBlank() || c <= 0) {
            return;
        }
        String key = value.strip().toLowerCase(java.util.Locale.ROOT);
        seen.computeIfAbsent(key, k -> new Witnessed(value.strip())).doubt *= 1 - c;
    }

    private static List<Ranked> ranked(Map<String, Witnessed> seen) {
        return seen.values().stream().map(w -> new Ranked(w.value, 1 - w.doubt))
                .sorted(Comparator.comparingDouble(Ranked::confidence).reversed().thenComparing(Ranked::value))
                .toList();
    }

    private static final class Witnessed {
        final String value;
        double doubt = 1;

        Witnessed(String value) {
            this.value = value;
        }
    }
}
