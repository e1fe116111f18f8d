package dev.osint.collectors.identity;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanResult;
import dev.osint.core.TargetKind;
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

    /** What a file's metadata names, and the identifier kind it becomes. */
    private static final Map<EntityKind, TargetKind> FILE_CLUES = Map.of(EntityKind.PERSON, TargetKind.PERSON_NAME,
            EntityKind.EMAIL, TargetKind.EMAIL, EntityKind.USERNAME, TargetKind.USERNAME);

    private ChildResultReader() {}

    /**
     * The people, emails and usernames a metadata scan of a file found (its author and last editor, addresses and
     * handles in any field), as identifiers derived from the file's URL.
     */
    static List<Derivation> fromFileMetadata(Identifier file, ScanResult result) {
        List<Derivation> found = new java.util.ArrayList<>();
        if (result == null || result.entities() == null) {
            return found;
        }
        for (Entity entity : result.entities()) {
            TargetKind kind = FILE_CLUES.get(entity.kind());
            if (kind != null && !entity.value().isBlank()) {
                Object role = entity.attributes().get("role");
                String what = role == null ? entity.kind().wireName() : role.toString().replace('_', ' ');
                found.add(new Derivation(file.key(), new Identifier(kind, entity.value()), Rule.FILE_METADATA,
                        "file metadata, " + what + ": " + entity.value()));
            }
        }
        return found;
    }

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
