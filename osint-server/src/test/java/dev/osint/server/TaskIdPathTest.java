package dev.osint.server;

import static dev.osint.server.ApiFixture.anApi;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task id in a path never reaches anything but a lookup: steps, encodings and odd bytes are a 4xx, never a 5xx. */
class TaskIdPathTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = anApi().start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "%2e%2e", "..%2f..%2fhealth", "%2e%2e%2fhealth", "a%00b", "a%0d%0aX-Injected:%201",
            "ab;c%zz", "%zz", "a%2fb", "%c0%ae%c0%ae", "..%5c..%5chealth", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void isAnswered4xxForEveryRoute(String id) throws Exception {
        for (String suffix : new String[] {"", "/cancel", "/events"}) {
            String answer = rawGet("/api/v1/scan/" + id + suffix);
            int status = Integer.parseInt(answer.substring(9, 12));

            assertThat(status).as(id + suffix + ": " + answer).isBetween(400, 499);
            assertThat(answer).as("no header or line made of the id").doesNotContain("\r\nX-Injected");
        }
    }

    /** Sent as raw bytes: an HTTP client refuses to send a malformed escape, a server must still answer it. */
    private static String rawGet(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
