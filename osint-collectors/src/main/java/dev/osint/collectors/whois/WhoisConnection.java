package dev.osint.collectors.whois;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One port-43 exchange (RFC 3912): send {@code query CRLF}, read until the server closes, within a deadline. */
final class WhoisConnection {
    /** What a server sent back; {@code truncated} when it went on past the cap. */
    record Answer(String text, boolean truncated) {}

    private WhoisConnection() {}

    /**
     * Asks {@code address} (already resolved) about {@code query}; the whole exchange, connect included, must
     * end within {@code timeout}, and what comes past {@code maxBytes} is cut.
     *
     * @throws SocketTimeoutException when the server is silent or too slow
     * @throws IOException            when it cannot be reached or drops the connection
     */
    static Answer ask(InetSocketAddress address, String query, Duration timeout, int maxBytes) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write((query + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    // a server trickling bytes would otherwise hold the worker for ever
                    throw new SocketTimeoutException("the answer did not end within " + timeout.toMillis() + " ms");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int read = in.read(buffer);
                if (read < 0) {
                    return new Answer(decode(received.toByteArray()), false);
                }
                int room = maxBytes - received.size();
                received.write(buffer, 0, Math.min(read, room));
                if (read >= room) {
                    return new Answer(decode(received.toByteArray()), true);
                }
            }
        }
    }

    /** UTF-8, which covers ASCII; a registry still on Latin-1 shows a replacement character, not garbage bytes. */
    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
