package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.collectors.dns.DnsCollector;
import dev.osint.core.CollectorOutput;
import dev.osint.queue.ScriptedCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch of hostile requests: each gets a 4xx problem, never a 5xx, a hang or a reset, and the server still serves. */
class HostileInputTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().with(new DnsCollector(),
                new ScriptedCollector("echo", (ctx, run) -> CollectorOutput.found(Map.of(), List.of()))).start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void hostileBodiesGetA4xxProblemAndTheServerKeepsServing() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        bodies.put("garbage bytes", garbage);
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("1 MiB body", ("{\"target\": \"" + "a".repeat(1024 * 1024) + "\"}").getBytes());
        bodies.put("deep nesting", ("[".repeat(50_000) + "]".repeat(50_000)).getBytes());
        bodies.put("deep options", ("{\"target\": \"example.com\", \"type\": \"echo\", \"options\": "
                + "{\"a\":".repeat(900) + "1" + "}".repeat(900) + "}").getBytes());
        bodies.put("null", "null".getBytes());
        bodies.put("null target", "{\"target\": null}".getBytes());
        bodies.put("array", "[{\"target\": \"example.com\"}]".getBytes());
        bodies.put("string", "\"example.com\"".getBytes());
        bodies.put("number target", "{\"target\": 12345}".getBytes());
        bodies.put("object target", "{\"target\": {\"$gt\": \"\"}}".getBytes());
        bodies.put("CRLF in target", "{\"target\": \"example.com\\r\\nX-Injected: 1\"}".getBytes());
        bodies.put("NUL in target", "{\"target\": \"example\\u0000.com\"}".getBytes());
        bodies.put("bidi control in target", "{\"target\": \"exa\\u202emple.com\"}".getBytes());
        bodies.put("10 KB target", ("{\"target\": \"" + "a".repeat(10 * 1024) + ".com\"}").getBytes());
        bodies.put("10 KB label", ("{\"target\": \"" + "a".repeat(10 * 1024) + "\"}").getBytes());
        bodies.put("CRLF in type", "{\"target\": \"example.com\", \"type\": \"dns\\r\\nx\"}".getBytes());
        bodies.put("10 KB type", ("{\"target\": \"example.com\", \"type\": \"" + "t".repeat(10 * 1024) + "\"}").getBytes());
        bodies.put("huge number", ("{\"target\": " + "9".repeat(5000) + "}").getBytes());
        bodies.put("NaN", "{\"target\": NaN}".getBytes());
        bodies.put("options array", "{\"target\": \"example.com\", \"options\": [1, 2]}".getBytes());
        bodies.put("many options", ("{\"target\": \"example.com\", \"type\": \"echo\", \"options\": {"
                + String.join(",", java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "\"o" + i + "\": " + i).toList())
                + "}}").getBytes());
        bodies.put("priority object", "{\"target\": \"example.com\", \"priority\": {}}".getBytes());
        bodies.put("only whitespace", "   \n\t ".getBytes());

        bodies.forEach((name, body) -> {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).as(name + ": " + clip(response.body())).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(name).hasValue("application/problem+json");
            assertThat(response.body()).as(name).doesNotContain("\r\nX-Injected");
            assertThat(response.body().length()).as(name + ": the answer stays small").isLessThan(16 * 1024);
        });

        assertThat(api.get("/api/v1/collectors").statusCode()).isEqualTo(200);
        assertThat(api.submit("dns", "example.com")).isNotBlank();
    }

    @Test
    void hostilePathsAndMethodsGetA4xx() {
        for (String path : List.of("/api/v1/scan/..%2f..%2fetc%2fpasswd", "/api/v1/scan/%00", "/api/v1/scan/"
                + "%E2%80%AE".repeat(50), "/api/v1/scan/a/b/c/d", "/%ff%fe")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
        }
        HttpResponse<String> patch = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scan/x"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(patch.statusCode()).isEqualTo(405);
    }

    @Test
    void requestsThatAreNotHttpGetA4xxProblemFromJetty() throws IOException {
        byte[] random = new byte[512];
        new Random(7).nextBytes(random);
        for (byte[] raw : List.of(random, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes(),
                ("GET /" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes())) {
            String answer = rawExchange(raw);

            assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            assertThat(answer).contains("application/problem+json");
        }
        assertThat(api.get("/api/v1/collectors").statusCode()).isEqualTo(200);
    }

    /** Sends bytes on a plain socket and reads the answer until the server closes or 5 s pass. */
    private static String rawExchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // a reset after the answer was read is fine: only the answer counts
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String clip(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
