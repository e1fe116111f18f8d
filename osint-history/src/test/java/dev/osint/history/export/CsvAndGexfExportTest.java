package dev.osint.history.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.history.HistoryRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CsvAndGexfExportTest {
    private static byte[] export(ExportFormat format, List<HistoryRecord> scans) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(scans, out);
        return out.toByteArray();
    }

    @Test
    void csvHasOneRowPerEntityQuotedAndDefused() throws IOException {
        String csv = new String(export(ExportFormat.CSV, SampleScans.all()), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("task_id,type,target,state,finished_at,kind,value,source,confidence,"
                + "attributes");
        long entities = SampleScans.all().stream().mapToLong(s -> Math.max(1, s.entities().size())).sum();
        assertThat(lines).hasSize((int) entities + 1);
        assertThat(csv).contains("\r\n");
        assertThat(lines).contains("failed-1,dns,broken.example,FAILURE,2026-11-06T10:00:00Z,,,,,");
        assertThat(lines).anyMatch(l -> l.startsWith("dns-1,dns,example.com,SUCCESS,2026-11-01T10:00:00Z,ip,"
                + "192.0.2.1,test,1.0,\"{\"\"name\"\":\"\"www.example.com\"\",\"\"record_type\"\":\"\"A\"\"}\""));
        // a formula is defused with a leading quote, and its quotes and comma are escaped
        assertThat(csv).contains(",person,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Jane, \"\"\"\"Doe\"\"\"\"\"\")\",");
    }

    @Test
    void csvCellsFollowRfc4180() {
        assertThat(CsvExport.cell("plain")).isEqualTo("plain");
        assertThat(CsvExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("-1+1")).isEqualTo("'-1+1");
    }

    private static Document gexf() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(export(ExportFormat.GEXF,
                SampleScans.all())));
    }

    /** The rules of the GEXF 1.3 grammar this export relies on, checked on the parsed document. */
    @Test
    void gexfIsWellFormedGexf13() throws Exception {
        Document doc = gexf();
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://gexf.net/1.3");
        assertThat(root.getLocalName()).isEqualTo("gexf");
        assertThat(root.getAttribute("version")).isEqualTo("1.3");
        Element graph = (Element) root.getElementsByTagNameNS(GexfExport.NAMESPACE, "graph").item(0);
        assertThat(graph.getAttribute("defaultedgetype")).isIn("directed", "undirected", "mutual");
        Set<String> declared = new HashSet<>();
        NodeList attributes = graph.getElementsByTagNameNS(GexfExport.NAMESPACE, "attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            declared.add(attribute.getAttribute("id"));
            assertThat(attribute.getAttribute("type")).isIn("string", "integer");
        }
        NodeList nodes = graph.getElementsByTagNameNS(GexfExport.NAMESPACE, "node");
        Map<String, Element> byId = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            assertThat(byId.put(node.getAttribute("id"), node)).as("node ids are unique").isNull();
            NodeList values = node.getElementsByTagNameNS(GexfExport.NAMESPACE, "attvalue");
            for (int j = 0; j < values.getLength(); j++) {
                assertThat(declared).contains(((Element) values.item(j)).getAttribute("for"));
            }
        }
        NodeList edges = graph.getElementsByTagNameNS(GexfExport.NAMESPACE, "edge");
        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < edges.getLength(); i++) {
            Element edge = (Element) edges.item(i);
            assertThat(byId).containsKeys(edge.getAttribute("source"), edge.getAttribute("target"));
            assertThat(Double.parseDouble(edge.getAttribute("weight"))).isPositive();
            kinds.add(edge.getAttribute("kind"));
        }
        assertThat(kinds).containsExactlyInAnyOrder("found", "co-occurrence", "identity", "resolves-to");
        assertThat(Integer.parseInt(((Element) graph.getElementsByTagNameNS(GexfExport.NAMESPACE, "nodes").item(0))
                .getAttribute("count"))).isEqualTo(nodes.getLength());
        // the control character of a hostile location is gone, the rest of the value kept
        assertThat(byId).containsKey("location:somewhereodd");
    }

    @Test
    void gexfEdgesCountScansAndIdentitiesLinkKinds() throws Exception {
        Document doc = gexf();
        NodeList edges = doc.getElementsByTagNameNS(GexfExport.NAMESPACE, "edge");
        List<String> described = new ArrayList<>();
        for (int i = 0; i < edges.getLength(); i++) {
            Element edge = (Element) edges.item(i);
            described.add(edge.getAttribute("kind") + " " + edge.getAttribute("source") + " "
                    + edge.getAttribute("target") + " " + edge.getAttribute("weight"));
        }
        assertThat(described).contains("resolves-to hostname:www.example.com ip:192.0.2.1 2",
                "identity hostname:www.example.com subdomain:www.example.com 1",
                "found domain:example.com ip:192.0.2.1 1");
    }

    /**
     * Gephi itself opens the export: its toolkit's importer and default processor, as File > Open does, in a JVM of
     * its own (the toolkit is one jar bundling its own drivers and libraries; Maven copies it to target/gephi). No
     * warning in Gephi's import report, every node and edge kept, and a node's kind read back as an attribute.
     */
    @Test
    void gephiOpensTheGraph(@TempDir Path dir) throws Exception {
        Path toolkit = Path.of("target", "gephi", "gephi-toolkit.jar");
        assertThat(toolkit).as("copied by maven-dependency-plugin at generate-test-resources; run through Maven")
                .exists();
        Path file = dir.resolve("scans.gexf");
        Files.write(file, export(ExportFormat.GEXF, SampleScans.all()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process gephi = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", toolkit.toString(),
                Path.of("src", "test", "gephi", "GephiOpensGexf.java").toString(), file.toString(), "ip:192.0.2.1")
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(gephi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gephi.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(gephi.exitValue()).as(output).isZero();
        Document doc = gexf();
        assertThat(output.lines().toList()).as(output).containsExactly(
                "nodes " + doc.getElementsByTagNameNS(GexfExport.NAMESPACE, "node").getLength(),
                "edges " + doc.getElementsByTagNameNS(GexfExport.NAMESPACE, "edge").getLength(),
                "node ip:192.0.2.1 kind=ip");
    }

    /** An independent reader: NetworkX's read_gexf (3.0 or newer reads GEXF 1.3), when Python has it. */
    @Test
    void networkxReadsTheGraph(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scans.gexf");
        Files.write(file, export(ExportFormat.GEXF, SampleScans.all()));
        String script = "import sys, networkx as nx\n"
                + "major = int(nx.__version__.split('.')[0])\n"
                + "if major < 3: sys.exit(3)\n"
                + "g = nx.read_gexf(sys.argv[1])\n"
                + "print(g.number_of_nodes(), g.number_of_edges(), g.nodes['ip:192.0.2.1']['kind'])\n";
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            python = null;
        }
        String output = python == null ? ""
                : new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = python != null && python.waitFor(60, TimeUnit.SECONDS);
        boolean available = finished && python.exitValue() != 3 && !output.contains("No module named");
        if (!available) {
            System.err.println("SKIPPED networkxReadsTheGraph: python3 with networkx 3 or newer is not installed");
        }
        Assumptions.assumeTrue(available, "python3 with networkx >= 3 is not installed");
        Document doc = gexf();
        int nodes = doc.getElementsByTagNameNS(GexfExport.NAMESPACE, "node").getLength();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output.strip()).startsWith(nodes + " ").endsWith(" ip");
    }
}
