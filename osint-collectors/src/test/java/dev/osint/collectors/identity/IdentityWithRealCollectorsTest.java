package dev.osint.collectors.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.osint.collectors.haveibeenpwned.HibpCollector;
import dev.osint.collectors.social.SocialCollector;
import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An identity scan whose children are the real social and haveibeenpwned collectors, Gravatar answered by WireMock
 * with the documented profile the social collector's own tests use; dns and whois are not on this worker.
 */
class IdentityWithRealCollectorsTest {
    private static final String EMAIL = "floverdevel@example.com";

    private WireMockServer gravatar;
    private IdentityQueue queue;

    @BeforeEach
    void start() throws IOException {
        gravatar = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        gravatar.start();
        gravatar.stubFor(get(urlPathEqualTo("/" + sha256(EMAIL) + ".json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("gravatar-profile.json"))));
        queue = new IdentityQueue(List.of(new SocialCollector(), new HibpCollector()),
                Map.of("OSINT_GRAVATAR_BASE_URL", gravatar.baseUrl()));
    }

    @AfterEach
    void stop() {
        queue.close();
        gravatar.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGravatarOfAnEmailBecomesAnAccountWithItsLinksAndItsPublishedEmail() {
        TaskRecord done = queue.awaitEnd(queue.submit(EMAIL, Map.of("depth", 0)));

        assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
        Map<String, Object> data = done.result().data();
        List<Map<String, Object>> children = (List<Map<String, Object>>) data.get("children");
        assertThat(children).extracting(c -> c.get("type") + " " + c.get("state")).containsExactly(
                "social SUCCESS", "haveibeenpwned FAILURE", "dns SKIPPED", "whois SKIPPED");
        assertThat((String) children.get(1).get("error")).contains("OSINT_HIBP_API_KEY");

        List<String> edges = ((List<Map<String, Object>>) ((Map<String, Object>) data.get("graph")).get("edges"))
                .stream().map(e -> e.get("rule") + " " + e.get("from") + " " + e.get("to")).toList();
        assertThat(edges).contains(
                "found_by_email email:" + EMAIL + " account:gravatar.com/floverdevel",
                "email_on_profile account:gravatar.com/floverdevel email:" + EMAIL,
                "declared_link account:gravatar.com/floverdevel username:floverdevel",
                "declared_link account:gravatar.com/floverdevel domain:nuglif.com");
        Map<String, Object> summary = (Map<String, Object>) data.get("summary");
        assertThat((List<Map<String, Object>>) summary.get("locations")).extracting(l -> l.get("value"))
                .containsExactly("Planète Terre, Voie Lactée");
        assertThat(gravatar.getAllServeEvents()).hasSize(1);
    }

    private static String sha256(String email) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(email.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = IdentityWithRealCollectorsTest.class.getResourceAsStream("/upstreams/social/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
