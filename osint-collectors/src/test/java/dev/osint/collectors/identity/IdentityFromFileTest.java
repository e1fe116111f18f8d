package dev.osint.collectors.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.osint.collectors.metadata.MetadataCollector;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An identity scan of a URL to a document: the real metadata collector reads the file from a loopback server, and
 * the authors and the email its metadata names become identifiers linked to the file.
 */
class IdentityFromFileTest {
    private WireMockServer files;
    private IdentityQueue queue;

    @BeforeEach
    void start() throws IOException {
        files = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        files.start();
        files.stubFor(get(urlPathEqualTo("/Budget-2022.docx")).willReturn(aResponse().withStatus(200)
                .withBody(docx())));
        queue = new IdentityQueue(List.of(new MetadataCollector()), Map.of("OSINT_SSRF_ALLOW", "127.0.0.1/32"));
    }

    @AfterEach
    void stop() {
        queue.close();
        files.stop();
    }

    private static byte[] docx() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types>wordprocessingml</Types>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("docProps/core.xml"));
            zip.write(("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                    + "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Alice Martin"
                    + "</dc:creator><cp:lastModifiedBy>Bob Stone</cp:lastModifiedBy><dc:description>questions to"
                    + " alice.martin@initech.example</dc:description></cp:coreProperties>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuthorsAndEmailsInAFilesMetadataAreLinkedToItsUrl() {
        String url = "http://127.0.0.1:" + files.port() + "/Budget-2022.docx";
        TaskRecord done = queue.awaitEnd(queue.submit(url, Map.of("depth", 0)));

        assertThat(done.state()).as(done.error()).isEqualTo(TaskState.SUCCESS);
        Map<String, Object> data = done.result().data();
        List<Map<String, Object>> children = (List<Map<String, Object>>) data.get("children");
        assertThat(children).extracting(c -> c.get("type") + " " + c.get("state")).containsExactly(
                "metadata SUCCESS");
        List<String> edges = ((List<Map<String, Object>>) ((Map<String, Object>) data.get("graph")).get("edges"))
                .stream().map(e -> e.get("rule") + " " + e.get("from") + " " + e.get("to")).toList();
        assertThat(edges).containsExactlyInAnyOrder(
                "file_metadata url:" + url + " person_name:alice martin",
                "file_metadata url:" + url + " person_name:bob stone",
                "file_metadata url:" + url + " email:alice.martin@initech.example",
                // and what the email reveals in turn, as for any email
                "email_local_part email:alice.martin@initech.example username:alice.martin");
        assertThat(done.result().entities()).extracting(e -> e.kind().wireName() + " " + e.value())
                .contains("email alice.martin@initech.example", "person Alice Martin");
    }
}
