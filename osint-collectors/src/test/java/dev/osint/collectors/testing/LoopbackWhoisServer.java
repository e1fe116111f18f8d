package dev.osint.collectors.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A port-43 WHOIS server on 127.0.0.1 (RFC 3912) for tests: reads one query line, writes the answer given for that
 * query, closes. Unknown queries get an empty answer; {@link #silent()} makes it read and then say nothing.
 *
 * <p>{@code try (var registry = LoopbackWhoisServer.start()) { registry.answer("example.com", text); … }}
 */
public final class LoopbackWhoisServer implements AutoCloseable {
    private static final int MAX_QUERY_BYTES = 1024;

    private final ServerSocket socket;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean silent;

    private LoopbackWhoisServer(ServerSocket socket) {
        this.socket = socket;
    }

    public static LoopbackWhoisServer start() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            LoopbackWhoisServer server = new LoopbackWhoisServer(socket);
            Thread.ofVirtual().name("loopback-whois-" + socket.getLocalPort()).start(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    /** Answers {@code query} (as sent, without CRLF) with {@code text}. */
    public LoopbackWhoisServer answer(String query, String text) {
        answers.put(query, text);
        return this;
    }

    /** Reads each query and never answers, as a server that hangs does. */
    public LoopbackWhoisServer silent() {
        silent = true;
        return this;
    }

    /** {@code 127.0.0.1:port}, for {@code OSINT_WHOIS_SERVER} and {@code OSINT_WHOIS_HOSTS}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Every query received, in order, exactly as sent (without the final CRLF). */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** How many connections were accepted, answered or not. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            String query = readLine(client.getInputStream());
            queries.add(query);
            if (silent) {
                // hold the connection until the client gives up or the server closes
                while (client.getInputStream().read() >= 0) {
                    // discard
                }
                return;
            }
            client.getOutputStream().write(answers.getOrDefault(query, "").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away; nothing to tell it
        } finally {
            open.remove(client);
        }
    }

    /** The query up to CRLF (or LF), as raw as it came: control characters a client let through stay visible. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (line.size() < MAX_QUERY_BYTES) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            if (previous == '\r') {
                line.write('\r'); // a CR not followed by LF is part of the query
            }
            if (b != '\r') {
                line.write(b);
            }
            previous = b;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The {@link InetSocketAddress} clients connect to. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket client : open) {
                client.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
