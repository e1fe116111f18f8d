package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/API.md's table of routes is the routes the server registers, row for row: none missing, none made up. */
class ApiRoutesDocTest {
    private static final Path DOC = Path.of("..", "docs", "API.md");
    private static final String BEGIN = "<!-- routes: one a row, checked against the server's by ApiRoutesDocTest -->";
    private static final String END = "<!-- end of the routes -->";
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z]+)` \\| `([^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void theDocsListEveryRouteTheServerServes() throws IOException {
        List<String> served;
        try (ApiFixture api = anApi().start()) {
            served = api.server.routes();
        }

        assertThat(served).as("the routes served (ApiRoutes, the OpenAPI and Swagger UI plugins) against the table in "
                + DOC).containsExactlyInAnyOrderElementsOf(documented());
    }

    private static List<String> documented() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("the route table's opening marker in " + DOC).isNotNegative();
        assertThat(end).as("the route table's closing marker in " + DOC).isGreaterThan(begin);
        List<String> routes = new ArrayList<>();
        Matcher row = ROW.matcher(doc.substring(begin, end));
        while (row.find()) {
            routes.add(row.group(1) + " " + row.group(2));
        }
        return routes;
    }
}
