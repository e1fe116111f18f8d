package dev.osint.collectors.identity;

import java.util.List;
import java.util.Map;

/**
 * Which child scans each kind of identifier gets. Plans name collector types; a type the worker does not have
 * is refused on submit (or fails as {@code TaskFailure.NOT_REGISTERED}) and is then listed as skipped, so the plan
 * can name collectors that are optional in a deployment.
 */
public final class ScanPlanner {
    public List<PlannedScan> plan(Identifier identifier) {
        return switch (identifier.kind()) {
            case EMAIL -> List.of(
                    new PlannedScan(identifier, "social", Map.of("platforms", List.of("gravatar")), "gravatar profile"),
                    new PlannedScan(identifier, "haveibeenpwned", Map.of(), "breaches"));
            case USERNAME -> List.of(
                    new PlannedScan(identifier, "username", Map.of(), "accounts on known sites"),
                    new PlannedScan(identifier, "social", Map.of(), "public profiles"));
            case DOMAIN -> List.of(
                    new PlannedScan(identifier, "dns", Map.of(), "mail and name servers"),
                    new PlannedScan(identifier, "whois", Map.of(), "registrant"));
            case PHONE -> List.of(new PlannedScan(identifier, "phone", Map.of(), "carrier and line type"));
            // a URL to a photo or document: who made it, by its metadata
            case URL -> List.of(new PlannedScan(identifier, "metadata", Map.of(), "authors and emails in the file"));
            // a name is searched through the usernames derived from it, not by itself
            default -> List.of();
        };
    }
}
