package dev.osint.collectors.identity;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;

/**
 * Triangulates a person from an email, a username, a name or a phone number: queues child scans for it, derives
 * new identifiers from what they find and scans those in further rounds, then links everything into a graph of
 * evidence with a confidence per link.
 */
public final class IdentityCollector implements Collector {
    static final String TYPE = "identity";

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "IdentityCollector")
            .description("Links the accounts, usernames, emails, names and places of one person: runs username,"
                    + " social, Gravatar, breach, dns and whois scans as child tasks, follows the identifiers they"
                    + " reveal, and ranks every link by its evidence; from a URL to a photo or document, starts with"
                    + " the authors and emails its metadata names")
            .accepts(TargetKind.EMAIL, TargetKind.USERNAME, TargetKind.PERSON_NAME, TargetKind.PHONE, TargetKind.URL)
            .produces(EntityKind.ACCOUNT, EntityKind.USERNAME, EntityKind.EMAIL, EntityKind.PERSON,
                    EntityKind.LOCATION, EntityKind.DOMAIN)
            .options(IdentityOptions.SPECS.toArray(dev.osint.core.OptionSpec[]::new))
            .queue("slow")
            .build();

    private final ScanPlanner planner = new ScanPlanner();
    private final IdentifierExtractor extractor = new IdentifierExtractor();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) {
        return new IdentityScan(context, IdentityOptions.from(context.options()), planner, extractor).run();
    }
}
