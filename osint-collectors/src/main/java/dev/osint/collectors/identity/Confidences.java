package dev.osint.collectors.identity;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * How strongly each node belongs to the target: the product of edge confidences along the strongest chain of
 * evidence from the target. Rules that link the same two nodes are independent evidence and combine first as
 * {@code 1 - Π(1 - c)}; chains are not summed, so a loop of weak links cannot prop itself up.
 */
public final class Confidences {
    private Confidences() {}

    /** Every node reachable from {@code targetId}, with its confidence; the target has 1. */
    public static Map<String, Double> from(IdentityGraph graph, String targetId) {
        Map<String, Map<String, Double>> links = combinedLinks(graph);
        Map<String, Double> best = new LinkedHashMap<>();
        PriorityQueue<Map.Entry<String, Double>> queue = new PriorityQueue<>(
                (a, b) -> Double.compare(b.getValue(), a.getValue()));
        queue.add(Map.entry(targetId, 1.0));
        while (!queue.isEmpty()) {
            Map.Entry<String, Double> next = queue.poll();
            if (best.containsKey(next.getKey())) {
                continue;
            }
            best.put(next.getKey(), next.getValue());
            links.getOrDefault(next.getKey(), Map.of()).forEach((neighbour, confidence) -> {
                if (!best.containsKey(neighbour)) {
                    queue.add(Map.entry(neighbour, next.getValue() * confidence));
                }
            });
        }
        return best;
    }

    /** For each pair of nodes, in both directions, the combined confidence of all the rules linking them. */
    private static Map<String, Map<String, Double>> combinedLinks(IdentityGraph graph) {
        Map<String, Map<String, Double>> doubt = new HashMap<>();
        for (IdentityGraph.Edge edge : graph.edges()) {
            doubt.computeIfAbsent(edge.from(), k -> new HashMap<>()).merge(edge.to(), 1 - edge.confidence(),
                    (a, b) -> a * b);
            doubt.computeIfAbsent(edge.to(), k -> new HashMap<>()).merge(edge.from(), 1 - edge.confidence(),
                    (a, b) -> a * b);
        }
        Map<String, Map<String, Double>> links = new HashMap<>();
        doubt.forEach((from, pairs) -> pairs.forEach((to, remaining) ->
                links.computeIfAbsent(from, k -> new HashMap<>()).put(to, 1 - remaining)));
        return links;
    }

    /** Three decimals, as results show confidences. */
    static double round(double confidence) {
        return Math.round(confidence * 1000) / 1000.0;
    }
}
