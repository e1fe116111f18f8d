package dev.osint.collectors.identity;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanResult;
import java.util.List;
import java.util.Map;

/**
 * Reads a finished child scan into the findings by the shapes every collector shares: normalised profiles under
 * {@code data.profiles}, {@code account} entities, and facts (breaches, mail and name servers, registrant) as
 * entities. A collector it has never heard of still contributes its accounts.
 */
final class ChildResultReader {
    /** Entity kinds kept as facts about the scanned identifier, and the attribute each goes under. */
    private static final Map<EntityKind, String> FACTS = Map.of(
            EntityKind.BREACH, "breaches", EntityKind.MAIL_SERVER, "mail_servers",
            EntityKind.NAMESERVER, "nameservers", EntityKind.ORGANIZATION, "organizations");

    private ChildResultReader() {}

    static void read(Identifier scanned, ScanResult result, Findings findings) {
        if (result == null || result.data() == null) {
            return;
        }
        if (result.data().get("profiles") instanceof List<?> profiles) {
            for (Object profile : profiles) {
                if (profile instanceof Map<?, ?> map && map.get("url") != null) {
                    findings.addAccount(Account.fromProfile(map, scanned, 1.0));
                }
            }
        }
        for (Entity entity : result.entities() == null ? List.<Entity>of() : result.entities()) {
            if (entity.kind() == EntityKind.ACCOUNT) {
                Object site = entity.attributes().getOrDefault("site", entity.attributes().get("platform"));
                Object username = entity.attributes().get("username");
                findings.addAccount(Account.fromSiteCheck(entity.value(), site == null ? null : site.toString(),
                        username == null ? null : username.toString(), scanned, entity.confidence()));
            } else if (FACTS.containsKey(entity.kind()) && !"abuse".equals(entity.attributes().get("role"))) {
                // a registrar's abuse desk is not the person
                findings.addFact(scanned, FACTS.get(entity.kind()), entity.value());
            }
        }
    }
}
