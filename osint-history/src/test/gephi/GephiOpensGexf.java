import java.io.File;
import java.util.Iterator;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Opens a GEXF file as Gephi's File > Open does (its importer, then its default processor into a workspace) and
 * prints what Gephi made of it, one fact a line: {@code issue LEVEL message} for every warning or worse of the import
 * report, {@code nodes N}, {@code edges N}, then {@code node ID kind=VALUE} for each node id given after the file.
 * Run by CsvAndGexfExportTest with the Gephi toolkit's jar: {@code java -cp gephi-toolkit.jar GephiOpensGexf.java F}.
 */
public class GephiOpensGexf {
    public static void main(String[] args) {
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        projects.newProject();
        Workspace workspace = projects.getCurrentWorkspace();
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        Container container;
        try {
            container = importer.importFile(new File(args[0]));
        } catch (Exception e) {
            System.out.println("issue CRITICAL " + e);
            return;
        }
        if (container == null) {
            System.out.println("issue CRITICAL no importer took the file");
            return;
        }
        for (Iterator<Issue> issues = container.getReport().getIssues(Integer.MAX_VALUE); issues.hasNext(); ) {
            Issue issue = issues.next();
            if (issue.getLevel() != Issue.Level.INFO) {
                System.out.println("issue " + issue.getLevel() + " " + issue.getMessage());
            }
        }
        importer.process(container, new DefaultProcessor(), workspace);
        var model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
        Graph graph = model.getGraph();
        System.out.println("nodes " + graph.getNodeCount());
        System.out.println("edges " + graph.getEdgeCount());
        Column kind = model.getNodeTable().getColumn("kind");
        for (int i = 1; i < args.length; i++) {
            Node node = graph.getNode(args[i]);
            System.out.println("node " + args[i] + " kind=" + (node == null || kind == null ? null : node.getAttribute(kind)));
        }
    }
}
