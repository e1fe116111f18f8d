package dev.osint.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests {@link java.net.http.HttpClient} refuses to send: malformed escapes,
 * raw bytes in the path, odd headers. Reads until the server closes ({@code Connection: close}) or 10 s pass.
 */
final class RawHttp {
    /** The status code and the whole answer, headers included. */
    record Answer(int status, String text) {
        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private RawHttp() {}

    /** Sends {@code METHOD target HTTP/1.1} with a Host header, {@code extraHeaders} (CRLF-ended lines) and body. */
    static Answer send(int port, String method, String target, String extraHeaders, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        byte[] head = (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                + extraHeaders + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        request.writeBytes(head);
        request.writeBytes(body);
        return exchange(port, request.toByteArray());
    }

    static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server answered early (413, 431) and closed while the rest was still being sent: read it
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // a reset after the answer was read is fine: only the answer counts
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                throw new IOException("the server closed the connection without an answer");
            }
            int status = text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to 127.0.0.1:" + port, e);
        }
    }
}
