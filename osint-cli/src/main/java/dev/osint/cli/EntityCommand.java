package dev.osint.cli;

import dev.osint.core.EntityKind;
import dev.osint.core.Json;
import dev.osint.history.EntityLookup;
import dev.osint.history.EntityQuery;
import dev.osint.history.EntitySummary;
import dev.osint.history.History;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osint entity VALUE}: every scan in the history that found this value, with first and last seen. */
@Command(name = "entity", mixinStandardHelpOptions = true,
        description = {"Where else was this seen? Every scan in the history that found an entity value (an IP, a",
                "domain, an email, a username, …), with when it was first and last seen; --prefix lists values",
                "starting with VALUE instead."})
final class EntityCommand implements Callable<Integer> {
    @Parameters(paramLabel = "VALUE", description = "The entity value (case-insensitive).")
    String value;

    @Option(names = "--kind", description = "Only this kind: ip, subdomain, domain, email, username, account, …")
    String kind;

    @Option(names = "--prefix", description = "List entities whose value starts with VALUE.")
    boolean prefix;

    @Option(names = "--limit", defaultValue = "100", description = "Most rows (1-1000, default 100).")
    int limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        String kindName = kind == null ? null : EntityKind.fromWire(kind).wireName();
        try (History history = HistoryCommand.open()) {
            if (prefix) {
                List<EntitySummary> found = history.store().entitiesByPrefix(kindName, value, null, limit);
                if (json) {
                    System.out.println(Json.write(found));
                } else {
                    summaries(found).print(System.out);
                }
                return Main.OK;
            }
            EntityLookup lookup = history.store().entity(new EntityQuery(kindName, value, null, limit, null));
            if (json) {
                System.out.println(Json.write(lookup));
                return Main.OK;
            }
            summaries(lookup.entities()).print(System.out);
            if (!lookup.entities().isEmpty()) {
                System.out.println();
                Table scans = new Table("SEEN", "TASK ID", "TYPE", "TARGET", "KIND", "SOURCE");
                lookup.sightings().items().forEach(s -> scans.row(s.seenAt(), s.taskId(), s.type(), s.target(),
                        s.kind(), s.source()));
                scans.print(System.out);
            }
            return lookup.entities().isEmpty() ? Main.SCAN_FAILED : Main.OK;
        }
    }

    private static Table summaries(List<EntitySummary> entities) {
        Table table = new Table("KIND", "VALUE", "FIRST SEEN", "LAST SEEN", "SCANS");
        entities.forEach(e -> table.row(e.kind(), e.value(), e.firstSeen(), e.lastSeen(), e.scanCount()));
        return table;
    }
}
