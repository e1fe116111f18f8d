package dev.osint.collectors.identity;

import dev.osint.core.CollectorOutput;
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
 * One identity scan in progress: round 0 scans the target (with its companions), each further round the
 * identifiers the previous rounds revealed, until {@code options.depth}, the child budget, or nothing new.
 * Every identifier is scanned at most once.
 */
final class IdentityScan {
    private static final Set<TargetKind> FOLLOWED = Set.of(TargetKind.EMAIL, TargetKind.USERNAME,
            TargetKind.DOMAIN, TargetKind.PHONE);

    private final ScanContext context;
    private final IdentityOptions options;
    private final ScanPlanner planner;
    private final IdentifierExtractor extractor;
    private final Findings findings;
    private final SubScanRounds rounds;
    private final Set<String> seen = new HashSet<>();
    private final List<ChildScan> children = new ArrayList<>();
    private boolean limitReached;

    IdentityScan(ScanContext context, IdentityOptions options, ScanPlanner planner, IdentifierExtractor extractor) {
        this.context = context;
        this.options = options;
        this.planner = planner;
        this.extractor = extractor;
        this.findings = new Findings(Identifier.of(context.target()));
        this.rounds = new SubScanRounds(context, options.childTimeout(), options.maxChildren());
    }

    CollectorOutput run() {
        int roundsRun = 0;
        List<Identifier> next = List.of(findings.target());
        for (int round = 0; round <= options.depth() && !next.isEmpty(); round++) {
            List<PlannedScan> plans = plan(next, round);
            if (plans.isEmpty() && round > 0) {
                break;
            }
            for (ChildScan child : rounds.run(round, plans)) {
                children.add(child);
                ChildResultReader.read(child.plan().identifier(), child.result(), findings);
                if (child.plan().type().equals("metadata")) {
                    int depth = round + 1;
                    ChildResultReader.fromFileMetadata(child.plan().identifier(), child.result())
                            .forEach(derivation -> findings.derive(derivation, depth));
                }
            }
            roundsRun++;
            int depth = round + 1;
            // derived after the last round too, so the graph shows what a deeper scan would follow
            extractor.derive(findings).forEach(derivation -> findings.derive(derivation, depth));
            if (rounds.interrupted() || limitReached) {
                break;
            }
            next = worthScanning();
        }
        return output(roundsRun);
    }

    /** The child scans for {@code identifiers} and their companions not seen yet, within the child budget. */
    private List<PlannedScan> plan(List<Identifier> identifiers, int round) {
        List<PlannedScan> plans = new ArrayList<>();
        for (Identifier identifier : withCompanions(identifiers, round)) {
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
        return plans;
    }

    /** The identifiers with their companions (an email's domain, a name's usernames), in order. */
    private List<Identifier> withCompanions(List<Identifier> identifiers, int depth) {
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
    private List<Identifier> worthScanning() {
        Map<String, Double> confidence = Confidences.from(GraphBuilder.build(findings), findings.target().key());
        return findings.identifiers().stream()
                .map(Findings.Known::identifier)
                .filter(id -> FOLLOWED.contains(id.kind()) && !seen.contains(id.key()))
                .filter(id -> confidence.getOrDefault(id.key(), 0.0) >= options.minConfidence())
                .sorted(Comparator.comparingDouble((Identifier id) -> -confidence.get(id.key()))
                        .thenComparing(Identifier::key))
                .toList();
    }

    private CollectorOutput output(int roundsRun) {
        IdentityGraph graph = GraphBuilder.build(findings);
        Map<String, Double> confidence = Confidences.from(graph, findings.target().key());
        IdentitySummary summary = IdentitySummary.of(findings, confidence);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", findings.target().key());
        data.put("graph", graph.toMap(confidence));
        data.put("summary", summary.toMap());
        data.put("children", children.stream().map(ChildScan::toMap).toList());
        data.put("rounds", roundsRun);
        data.put("max_children_reached", limitReached);
        if (rounds.interrupted()) {
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
