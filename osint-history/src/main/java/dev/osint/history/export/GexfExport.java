package dev.osint.history.export;

import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.history.HistoryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A GEXF 1.3 graph for Gephi: a node per entity (kind and value) and per scan target, with its kind, first and
 * last sighting and number of scans; edges, each with a {@code kind}:
 * <ul>
 *   <li>{@code found}: a target and what its scans found, weighted by the number of those scans;</li>
 *   <li>{@code co-occurrence}: two entities found by the same scan, weighted by the number of such scans; only for
 *       scans of at most {@value #MAX_PAIRWISE} entities (a larger scan would add its square of edges; its entities
 *       stay linked through the target);</li>
 *   <li>{@code identity}: one value under two kinds (the same address as an ip and a netblock, a name as a
 *       subdomain and a host name);</li>
 *   <li>{@code resolves-to}: a name (source) and the address a DNS record gave it (target).</li>
 * </ul>
 * Every edge is undirected, as many readers (NetworkX among them) refuse a graph that mixes both kinds.
 */
final class GexfExport {
    static final String NAMESPACE = "http://gexf.net/1.3";
    static final int MAX_PAIRWISE = 100;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();

    private static final class Node {
        final String id;
        final String kind;
        final String value;
        Instant firstSeen;
        Instant lastSeen;
        int scans;

        Node(String id, String kind, String value) {
            this.id = id;
            this.kind = kind;
            this.value = value;
        }

        void seen(Instant at) {
            firstSeen = firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen;
            lastSeen = lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen;
            scans++;
        }
    }

    private record Edge(String source, String target, String kind, boolean directed, int[] weight) {}

    private GexfExport() {}

    static void write(List<HistoryRecord> scans, OutputStream out) throws IOException {
        GexfExport graph = new GexfExport();
        scans.forEach(graph::add);
        graph.linkIdentities();
        try {
            graph.write(out);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write GEXF: " + e.getMessage(), e);
        }
    }

    private static String id(String kind, String value) {
        return kind + ":" + value;
    }

    private Node node(String kind, String value) {
        return nodes.computeIfAbsent(id(kind, value), id -> new Node(id, kind, value));
    }

    private void edge(String source, String target, String kind, boolean directed) {
        if (source.equals(target)) {
            return;
        }
        String a = directed || source.compareTo(target) < 0 ? source : target;
        String b = a.equals(source) ? target : source;
        edges.computeIfAbsent(a + "\u0000" + b + "\u0000" + kind, k -> new Edge(a, b, kind, directed, new int[1]))
                .weight()[0]++;
    }

    private void add(HistoryRecord scan) {
        Node target = node(targetKind(scan.targetKind()), scan.target());
        target.seen(scan.finishedAt());
        List<Entity> entities = scan.entities();
        List<String> ids = new ArrayList<>();
        for (Entity entity : entities) {
            Node node = node(entity.kind().wireName(), entity.value());
            if (node != target) {
                node.seen(scan.finishedAt());
            }
            ids.add(node.id);
            edge(target.id, node.id, "found", false);
            resolutions(entity, node.id);
        }
        if (ids.size() <= MAX_PAIRWISE) {
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    edge(ids.get(i), ids.get(j), "co-occurrence", false);
                }
            }
        }
    }

    /** A target's kind as an entity kind, so a domain scanned and a domain found are one node. */
    private static String targetKind(String kind) {
        return switch (kind) {
            case "cidr" -> "netblock";
            case "person_name" -> "person";
            default -> kind;
        };
    }

    private void resolutions(Entity entity, String id) {
        Map<String, Object> attributes = entity.attributes();
        if (entity.kind() == EntityKind.IP && attributes.get("name") instanceof String name && !name.isBlank()) {
            Node host = node(EntityKind.HOSTNAME.wireName(), name);
            edge(host.id, id, "resolves-to", true);
        }
        if (entity.kind() != EntityKind.IP && attributes.get("ip") instanceof String ip) {
            edge(id, node(EntityKind.IP.wireName(), ip).id, "resolves-to", true);
        }
    }

    private void linkIdentities() {
        Map<String, List<Node>> byValue = new LinkedHashMap<>();
        for (Node node : nodes.values()) {
            byValue.computeIfAbsent(node.value.toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(node);
        }
        for (List<Node> same : byValue.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    edge(same.get(i).id, same.get(j).id, "identity", false);
                }
            }
        }
    }

    private void write(OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("gexf");
        xml.writeDefaultNamespace(NAMESPACE);
        xml.writeAttribute("version", "1.3");
        xml.writeStartElement("meta");
        xml.writeAttribute("lastmodifieddate", LocalDate.now(ZoneOffset.UTC).toString());
        element(xml, "creator", "osint");
        element(xml, "description", "entities of osint scans: found, co-occurrence, identity and resolves-to edges");
        xml.writeEndElement();
        xml.writeStartElement("graph");
        xml.writeAttribute("defaultedgetype", "undirected");
        xml.writeAttribute("mode", "static");
        xml.writeStartElement("attributes");
        xml.writeAttribute("class", "node");
        attribute(xml, "kind", "string");
        attribute(xml, "first_seen", "string");
        attribute(xml, "last_seen", "string");
        attribute(xml, "scans", "integer");
        xml.writeEndElement();
        xml.writeStartElement("nodes");
        xml.writeAttribute("count", Integer.toString(nodes.size()));
        for (Node node : nodes.values()) {
            xml.writeStartElement("node");
            xml.writeAttribute("id", clean(node.id));
            xml.writeAttribute("label", clean(node.value));
            xml.writeStartElement("attvalues");
            attvalue(xml, "kind", node.kind);
            if (node.firstSeen != null) {
                attvalue(xml, "first_seen", node.firstSeen.toString());
                attvalue(xml, "last_seen", node.lastSeen.toString());
            }
            attvalue(xml, "scans", Integer.toString(node.scans));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeStartElement("edges");
        xml.writeAttribute("count", Integer.toString(edges.size()));
        int next = 0;
        for (Edge edge : edges.values()) {
            xml.writeEmptyElement("edge");
            xml.writeAttribute("id", Integer.toString(next++));
            xml.writeAttribute("source", clean(edge.source()));
            xml.writeAttribute("target", clean(edge.target()));
            xml.writeAttribute("kind", edge.kind());
            xml.writeAttribute("label", edge.kind());
            xml.writeAttribute("weight", Integer.toString(edge.weight()[0]));
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    private static void attribute(XMLStreamWriter xml, String id, String type) throws XMLStreamException {
        xml.writeEmptyElement("attribute");
        xml.writeAttribute("id", id);
        xml.writeAttribute("title", id);
        xml.writeAttribute("type", type);
    }

    private static void attvalue(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        xml.writeEmptyElement("attvalue");
        xml.writeAttribute("for", key);
        xml.writeAttribute("value", clean(value));
    }

    /** Characters XML 1.0 cannot carry (control characters, lone surrogates) are left out. */
    static String clean(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
