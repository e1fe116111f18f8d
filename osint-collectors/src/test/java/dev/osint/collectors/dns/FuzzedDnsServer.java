package dev.osint.collectors.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * A DNS server on 127.0.0.1 (UDP and TCP, one port) that answers each query with whatever bytes the current
 * {@link #answerWith} function makes of it, nothing when it makes none: garbage, cut or hostile messages.
 */
final class FuzzedDnsServer implements AutoCloseable {
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile Function<Message, Optional<byte[]>> answers = query -> Optional.empty();
    private volatile boolean closed;

    private FuzzedDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        Thread.ofPlatform().daemon().name("fuzzed-dns-udp").start(this::serveUdp);
        Thread.ofPlatform().daemon().name("fuzzed-dns-tcp").start(this::acceptTcp);
    }

    static FuzzedDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()), 64);
                return new FuzzedDnsServer(udp, tcp);
            } catch (BindException e) {
                udp.close();
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    void answerWith(Function<Message, Optional<byte[]>> value) {
        answers = value;
    }

    private Optional<byte[]> answer(byte[] wire) {
        try {
            Message query = new Message(wire);
            Record question = query.getQuestion();
            return question == null ? Optional.empty() : answers.apply(query);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                Optional<byte[]> reply = answer(Arrays.copyOf(buffer, packet.getLength()));
                if (reply.isPresent()) {
                    byte[] bytes = reply.get();
                    udp.send(new DatagramPacket(bytes, Math.min(bytes.length, 65507), packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // one bad exchange must not stop the server
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            try {
                Socket socket = tcp.accept();
                Thread.ofVirtual().start(() -> serveTcp(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One answer per connection (a zone transfer gets one message, then the end of the stream). */
    private void serveTcp(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            socket.setSoTimeout(5000);
            byte[] wire = new byte[in.readUnsignedShort()];
            in.readFully(wire);
            Optional<byte[]> reply = answer(wire);
            if (reply.isPresent()) {
                byte[] bytes = reply.get();
                out.writeShort(Math.min(bytes.length, 65535));
                out.write(bytes, 0, Math.min(bytes.length, 65535));
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up, or sent less than it said
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
