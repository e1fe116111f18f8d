package dev.osint.collectors.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Identifiers and accounts as nodes, and the evidence that links them as edges. */
public record IdentityGraph(List<Node> nodes, List<Edge> edges) {
    public IdentityGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** An identifier ({@code email:jane@doe.dev}) or an account ({@code account:github.com/jdoe}). */
    public record Node(String id, String kind, String value, Map<String, Object> attributes) {
        Map<String, Object> toMap(double confidence) {
            Map<String, Object> attributesWithConfidence = new LinkedHashMap<>(attributes);
            attributesWithConfidence.put("confidence", Confidences.round(confidence));
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", id);
            map.put("kind", kind);
            map.put("value", value);
            map.put("attributes", attributesWithConfidence);
            return map;
        }
    }

    /** One piece of evidence that two nodes belong to one person. */
    public record Edge(String from, String to, Rule rule, double confidence, String evidence) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("from", from);
            map.put("to", to);
            map.put("rule", rule.wireName());
            map.put("confidence", Confidences.round(confidence));
            map.put("evidence", evidence);
            return map;
        }
    }

    /** The result's {@code graph}: each node with the confidence that it belongs to the target. */
    Map<String, Object> toMap(Map<String, Double> confidence) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nodes", nodes.stream().map(n -> n.toMap(confidence.getOrDefault(n.id(), 0.0))).toList());
        map.put("edges", edges.stream().map(Edge::toMap).toList());
        return map;
    }
}
