package dev.osint.collectors.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.osint.core.Collector;
import dev.osint.core.testing.TestScanContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every HTTP collector test: one WireMock server on a loopback ephemeral port per test class, stubs
 * reset between tests, and scans pre-wired with {@code OSINT_<PREFIX>_BASE_URL} pointing at it. Answers come
 * from files under {@code src/test/resources/upstreams/<prefix in lower case>/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CollectorTestBase {
    /** The fake upstream; stub it with {@link #stub} or its own {@code stubFor}. */
    protected WireMockServer upstream;

    /** The collector under test. */
    protected abstract Collector collector();

    /** The settings prefix of the collector's upstream ({@code CRTSH}); also names the fixture folder. */
    protected abstract String upstreamPrefix();

    @BeforeAll
    void startUpstream() {
        upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
    }

    @AfterAll
    void stopUpstream() {
        upstream.stop();
    }

    @BeforeEach
    void resetUpstream() {
        upstream.resetAll();
    }

    /** A scan of the collector whose upstream is the WireMock server; add the target, options and settings. */
    protected TestScanContext.Builder aScan() {
        return TestScanContext.aScanOf(collector()).setting(baseUrlVariable(), upstream.baseUrl());
    }

    protected String baseUrlVariable() {
        return "OSINT_" + upstreamPrefix().toUpperCase(Locale.ROOT) + "_BASE_URL";
    }

    protected void stub(MappingBuilder request) {
        upstream.stubFor(request);
    }

    /**
     * An answer whose body is {@code upstreams/<prefix>/<file>}, typed by its extension (json, html or text),
     * with extra headers given as name, value pairs.
     */
    protected ResponseDefinitionBuilder answerFromFile(int status, String file, String... headerPairs) {
        ResponseDefinitionBuilder answer = WireMock.aResponse().withStatus(status).withBody(fixture(file))
                .withHeader("Content-Type", contentType(file));
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            answer = answer.withHeader(headerPairs[i], headerPairs[i + 1]);
        }
        return answer;
    }

    /** Stubs a GET of {@code urlPath} (query ignored) with the file as answer. */
    protected void stubGet(String urlPath, int status, String file, String... headerPairs) {
        stub(WireMock.get(WireMock.urlPathEqualTo(urlPath)).willReturn(answerFromFile(status, file, headerPairs)));
    }

    /** The text of {@code upstreams/<prefix>/<file>}. */
    protected String fixture(String file) {
        String path = "/upstreams/" + upstreamPrefix().toLowerCase(Locale.ROOT) + "/" + file;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fixture at src/test/resources" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".json")) {
            return "application/json";
        }
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "text/plain; charset=utf-8";
    }
}
