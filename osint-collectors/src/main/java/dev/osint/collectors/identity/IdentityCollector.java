package dev.osint.collectors.identity;

import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Triangulates a person from an email, a username, a name or a phone number: queues child scans for it, derives
 * new identifiers from what they find and scans those in further rounds, then links everything into a graph of
 * evidence with a confidence per link.
 */
public final class IdentityCollector implements Collector {
    static final String TYPE = "identity";
    private static final Set<TargetKind> FOLLOWED = Set.of(TargetKind.EMAIL, TargetKind.USERNAME,
            TargetKind.DOMAIN, TargetKind.PHONE);

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "IdentityCollector")
            .description("Links the accounts, usernames, emails, names and places of one person: runs username,"
                    + " social, Gravatar, breach, dns and whois scans as child tasks, follows the identifiers they"
                    + " reveal, and ranks every link by its evidence")
            .accepts(TargetKind.EMAIL, TargetKind.USERNAME, TargetKind.PERSON_NAME, TargetKind.PHONE)
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
        IdentityOptions options = IdentityOptions.from(context.options());
        Identifier target = Identifier.of(context.target());
        Findings findings = new Findings(target);
        SubScanRounds rounds = new SubScanRounds(context, options.childTimeout(), options.maxChildren());
        List<ChildScan> children = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Identifier> next = List.of(target);
        boolean limitReached = false;
        int round = 0;
        while (true) {
            List<PlannedScan> plans = new ArrayList<>();
            for (Identifier identifier : withCompanions(next, round, findings)) {
                if (seen.contains(identifier.key())) {
                    continue;
                }
                List<PlannedScan> plan = planner.plan(identifier);
                if (!rounds.fits(plan.size(), plans.size())) {
                    limitReached = true;
                    break;
                }
                seen.add(identifier.key());
                if (!plan.isEmpty()) {
                    plans.addAll(plan);
                    findings.markScanned(identifier);
                }
            }
            for (ChildScan child : rounds.run(round, plans)) {
                children.add(child);
                ChildResultReader.read(child.plan().identifier(), child.result(), findings);
            }
            int depth = round + 1;
            extractor.derive(findings).forEach(derivation -> findings.derive(derivation, depth));
            if (rounds.interrupted() || round == options.depth() || limitReached) {
                break;
            }
            next = worthScanning(findings, seen, options.minConfidence());
            if (next.isEmpty()) {
                break;
            }
            round++;
        }
        return output(findings, children, round + 1, limitReached, rounds.interrupted(), context);
    }

    /** The identifiers with their companions (an email's domain, a name's usernames), each once, in order. */
    private List<Identifier> withCompanions(List<Identifier> identifiers, int depth, Findings findings) {
        List<Identifier> all = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            all.add(identifier);
            for (Derivation companion : extractor.companions(identifier)) {
                findings.derive(companion, depth);
                all.add(companion.identifier());
            }
        }
        return all;
    }

    /** Derived identifiers not scanned yet and likely enough to belong to the target, most likely first. */
    private static List<Identifier> worthScanning(Findings findings, Set<String> seen, double minConfidence) {
        Map<String, Double> confidence = Confidences.from(GraphBuilder.build(findings), findings.target().key());
        return findings.identifiers().stream()
                .map(Findings.Known::identifier)
                .filter(id -> FOLLOWED.contains(id.kind()) && !seen.contains(id.key()))
                .filter(id -> confidence.getOrDefault(id.key(), 0.0) >= minConfidence)
                .sorted(Comparator.comparingDouble((Identifier id) -> -confidence.get(id.key()))
                        .thenComparing(Identifier::key))
                .toList();
    }

    private static CollectorOutput output(Findings findings, List<ChildScan> children, int rounds,
                                          boolean limitReached, boolean interrupted, ScanContext context) {
        IdentityGraph graph = GraphBuilder.build(findings);
        Map<String, Double> confidence = Confidences.from(graph, findings.target().key());
        IdentitySummary summary = IdentitySummary.of(findings, confidence);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", findings.target().key());
        data.put("graph", graph.toMap(confidence));
        data.put("summary", summary.toMap());
        data.put("children", children.stream().map(ChildScan::toMap).toList());
        data.put("rounds", rounds);
        data.put("max_children_reached", limitReached);
        if (interrupted) {
            data.put("interrupted", true);
        }
        context.progress(1.0, "graph of " + graph.nodes().size() + " nodes and " + graph.edges().size()
                + " links from " + children.size() + " sub-scans");
        if (graph.nodes().size() == 1) {
            return CollectorOutput.notFound("no child scan found anything about " + findings.target().value(), data);
        }
        return CollectorOutput.found(data, summary.entities(findings, confidence));
    }
}
