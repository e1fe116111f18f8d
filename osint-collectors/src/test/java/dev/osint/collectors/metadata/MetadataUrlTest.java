package dev.osint.collectors.metadata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.collectors.testing.CollectorTestBase;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.InvalidTargetException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.testing.TestScanContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file fetched by URL: through the SSRF guard (loopback reachable only with OSINT_SSRF_ALLOW, every redirect hop
 * checked), under the size cap and the deadline, against a real HTTP server on loopback.
 */
class MetadataUrlTest extends CollectorTestBase {
    private static final String LOOPBACK_ALLOWED = "127.0.0.1/32";

    @Override
    protected Collector collector() {
        return new MetadataCollector();
    }

    @Override
    protected String upstreamPrefix() {
        return "METADATA";
    }

    /** The loopback server by address: a single-label name such as localhost is no valid URL target. */
    private String base() {
        return "http://127.0.0.1:" + upstream.port();
    }

    private TestScanContext.Builder scanOf(String path) {
        return aScan().target(base() + path).setting("OSINT_SSRF_ALLOW", LOOPBACK_ALLOWED);
    }

    private void serve(String path, byte[] body, String contentType) {
        stub(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType)
                .withBody(body)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void aPhotoOnLoopbackIsFetchedWhenTheOperatorAllowsLoopback() throws Exception {
        serve("/photos/holiday.jpg", SampleFiles.photoJpeg(), "image/jpeg");
        CollectorOutput output = scanOf("/photos/holiday.jpg").run();
        Map<String, Object> file = map(output.data().get("file"));
        assertThat(file).containsEntry("url", base() + "/photos/holiday.jpg")
                .containsEntry("declared_type", "image/jpeg").containsEntry("type", "jpeg");
        assertThat(output.data().get("author")).isEqualTo(SampleFiles.PHOTO_ARTIST);
        assertThat(map(output.data().get("location"))).containsEntry("latitude", SampleFiles.PHOTO_LATITUDE);
    }

    @Test
    void theFormatComesFromTheBytesNotTheContentType() throws Exception {
        serve("/report", SampleFiles.pdf(false), "image/png");
        assertThat(map(scanOf("/report").run().data().get("file"))).containsEntry("type", "pdf");
    }

    @Test
    void redirectsAreFollowedAndEachHopChecked() throws Exception {
        serve("/final.docx", SampleFiles.docx(), "application/octet-stream");
        stub(get(urlEqualTo("/short")).willReturn(aResponse().withStatus(302).withHeader("Location", "/final.docx")));
        Map<String, Object> file = map(scanOf("/short").run().data().get("file"));
        assertThat(file).containsEntry("final_url", base() + "/final.docx");
    }

    @Test
    void loopbackIsRefusedWithoutTheOperatorsAllowance() {
        serve("/photo.jpg", SampleFiles.photoJpeg(), "image/jpeg");
        for (String url : new String[] {base() + "/photo.jpg",
                "http://[::1]:" + upstream.port() + "/photo.jpg",
                "http://0.0.0.0:" + upstream.port() + "/photo.jpg",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/file.pdf", "http://192.168.1.1/file.pdf"}) {
            assertThatThrownBy(() -> aScan().target(url).run()).as(url).isInstanceOf(CollectorException.class)
                    .hasMessageContaining("refused to fetch");
        }
        upstream.verify(0, getRequestedFor(urlEqualTo("/photo.jpg")));
    }

    @Test
    void aRedirectFromAllowedLoopbackToTheMetadataServiceIsRefused() {
        stub(get(urlEqualTo("/innocent.jpg")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));
        assertThatThrownBy(() -> scanOf("/innocent.jpg").run()).isInstanceOf(CollectorException.class)
                .hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
    }

    @Test
    void schemesOtherThanHttpAndOddHostsAreRefusedAtSubmit() {
        for (String target : new String[] {"file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL",
                "http://2130706433/", "http://0x7f.1/", "ftp://example.com/a.jpg",
                "http://localhost:" + upstream.port() + "/photo.jpg"}) {
            assertThatThrownBy(() -> aScan().target(target).build()).as(target)
                    .isInstanceOf(InvalidTargetException.class);
        }
    }

    @Test
    void moreThanFiveRedirectsAreRefused() {
        for (int i = 0; i < 7; i++) {
            stub(get(urlEqualTo("/r" + i)).willReturn(aResponse().withStatus(302).withHeader("Location", "/r" + (i + 1))));
        }
        assertThatThrownBy(() -> scanOf("/r0").run()).isInstanceOf(CollectorException.class)
                .hasMessageContaining("more than 5 redirects");
    }

    @Test
    void aFileLargerThanTheCapIsNotReadWhetherItsLengthIsDeclaredOrNot() {
        stub(get(urlEqualTo("/declared")).willReturn(aResponse().withStatus(200).withBody(new byte[64 * 1024])));
        stub(get(urlEqualTo("/chunked")).willReturn(aResponse().withStatus(200).withBody(new byte[64 * 1024])
                .withChunkedDribbleDelay(8, 200)));
        for (String path : new String[] {"/declared", "/chunked"}) {
            assertThatThrownBy(() -> scanOf(path).setting("OSINT_METADATA_MAX_BYTES", "4096").run()).as(path)
                    .isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                    .hasMessageContaining("larger than 4096 bytes").hasMessageContaining("OSINT_METADATA_MAX_BYTES");
        }
    }

    @Test
    void anAnswerThatIsNoFileIsAFailureAndAServerErrorIsRetried() {
        stub(get(urlEqualTo("/gone.jpg")).willReturn(aResponse().withStatus(404)));
        stub(get(urlEqualTo("/busy.jpg")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> scanOf("/gone.jpg").run()).isInstanceOf(CollectorException.class)
                .isNotInstanceOf(RetryableCollectorException.class).hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> scanOf("/busy.jpg").run()).isInstanceOf(RetryableCollectorException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aServerTooSlowForTheDeadlineIsRetried() {
        stub(get(urlEqualTo("/slow.jpg")).willReturn(aResponse().withStatus(200).withBody(new byte[1024])
                .withChunkedDribbleDelay(4, 3000)));
        assertThatThrownBy(() -> scanOf("/slow.jpg").setting("OSINT_METADATA_TIMEOUT", "1").run())
                .isInstanceOf(RetryableCollectorException.class).hasMessageContaining("OSINT_METADATA_TIMEOUT");
    }
}
