package dev.osint.collectors.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * The process's DNS queries over UDP, on a few sockets opened once, where dnsjava's own client opens, binds and
 * closes a socket (and wakes its selector) for every query. Each query gets a random message id free on its socket;
 * an answer is taken only from the address the query went to, with that id, and given back under the caller's id,
 * so {@link org.xbill.DNS.SimpleResolver} checks it (question, truncation, TCP retry) as it would its own.
 */
final class SharedUdpTransport implements UdpIoClient {
    private static final int SOCKETS = 4;
    private static final int MAX_DATAGRAM = 65535;

    /** dnsjava's transports with this one for UDP; TCP (truncated answers, zone transfers) stays dnsjava's. */
    static final IoClientFactory FACTORY = new IoClientFactory() {
        private final IoClientFactory dnsjava = new DefaultIoClientFactory();

        @Override
        public TcpIoClient createOrGetTcpClient() {
            return dnsjava.createOrGetTcpClient();
        }

        @Override
        public UdpIoClient createOrGetUdpClient() {
            return Holder.INSTANCE;
        }
    };

    /** Opened on the first query, never closed: the sockets live as long as the worker. */
    private static final class Holder {
        static final SharedUdpTransport INSTANCE = open();

        private static SharedUdpTransport open() {
            try {
                return new SharedUdpTransport(SOCKETS);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open UDP sockets for DNS queries: " + e.getMessage(), e);
            }
        }
    }

    private record Pending(InetSocketAddress server, int callerId, CompletableFuture<byte[]> answer) {}

    private final DatagramChannel[] channels;
    private final Map<Integer, Pending>[] inFlight;
    private final UdpIoClient dnsjavaUdp = new DefaultIoClientFactory().createOrGetUdpClient();

    @SuppressWarnings("unchecked")
    SharedUdpTransport(int sockets) throws IOException {
        channels = new DatagramChannel[sockets];
        inFlight = new Map[sockets];
        for (int i = 0; i < sockets; i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(null); // an ephemeral port the OS picks at random
            // a burst of answers must not overflow the default buffer: each lost one costs a timeout
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channels[i] = channel;
            inFlight[i] = new ConcurrentHashMap<>();
            int socket = i;
            Thread.ofPlatform().daemon().name("dns-udp-receive-" + i).start(() -> receive(socket));
        }
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote,
                                                       Message query, byte[] data, int max, Duration timeout) {
        if (local != null) {
            return dnsjavaUdp.sendAndReceiveUdp(local, remote, query, data, max, timeout); // a source address asked for
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int socket = random.nextInt(channels.length);
        Map<Integer, Pending> table = inFlight[socket];
        Pending pending = new Pending(remote, ((data[0] & 0xff) << 8) | (data[1] & 0xff), new CompletableFuture<>());
        int id;
        do {
            id = random.nextInt(65536);
        } while (table.putIfAbsent(id, pending) != null);
        int wireId = id;
        pending.answer().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((bytes, error) -> table.remove(wireId, pending));
        byte[] wire = Arrays.copyOf(data, data.length);
        wire[0] = (byte) (id >>> 8);
        wire[1] = (byte) id;
        try {
            channels[socket].send(ByteBuffer.wrap(wire), remote);
        } catch (IOException e) {
            pending.answer().completeExceptionally(e);
        }
        // as dnsjava's client fails a query nobody answered
        return pending.answer().exceptionallyCompose(error -> CompletableFuture.failedFuture(
                error instanceof TimeoutException ? new SocketTimeoutException("Query timed out") : error));
    }

    private void receive(int socket) {
        DatagramChannel channel = channels[socket];
        Map<Integer, Pending> table = inFlight[socket];
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                if (buffer.remaining() < 12) {
                    continue; // not even a header
                }
                int id = buffer.getShort(0) & 0xffff;
                Pending pending = table.get(id);
                // only the server asked may answer: anyone else could feed us records by guessing ids
                if (pending == null || !pending.server().equals(from) || !table.remove(id, pending)) {
                    continue;
                }
                byte[] answer = new byte[buffer.remaining()];
                buffer.get(answer);
                answer[0] = (byte) (pending.callerId() >>> 8);
                answer[1] = (byte) pending.callerId();
                pending.answer().complete(answer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // an ICMP error or a malformed datagram: the query it belonged to times out
            }
        }
    }
}
