package dev.osint.collectors.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The shared sockets against a hand-driven server on loopback: ids, who may answer, and silence. */
class SharedUdpTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static Message query(int id) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.TXT, DClass.IN));
        query.getHeader().setID(id);
        return query;
    }

    /** The answer to {@code asked} (as received, under the id it carried) holding one TXT string. */
    private static byte[] answer(byte[] asked, int length, String text) throws Exception {
        Message answer = new Message(Arrays.copyOf(asked, length));
        answer.getHeader().setFlag(Flags.QR);
        answer.addRecord(new TXTRecord(Name.fromString("example.test."), DClass.IN, 60, text), Section.ANSWER);
        return answer.toWire();
    }

    @Test
    void anAnswerComesBackUnderTheCallersIdAndOnlyFromTheServerAsked() throws Exception {
        SharedUdpTransport transport = new SharedUdpTransport(1);
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK); DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
            server.setSoTimeout(10_000);
            Message query = query(4242);
            byte[] wire = query.toWire();
            CompletableFuture<byte[]> pending = transport.sendAndReceiveUdp(null,
                    new InetSocketAddress(LOOPBACK, server.getLocalPort()), query, wire, 1280, Duration.ofSeconds(20));

            DatagramPacket asked = new DatagramPacket(new byte[512], 512);
            server.receive(asked);
            // a forged answer from another port, with the right id, comes first and must be ignored
            byte[] forged = answer(asked.getData(), asked.getLength(), "forged");
            stranger.send(new DatagramPacket(forged, forged.length, asked.getSocketAddress()));
            Thread.sleep(200);
            byte[] real = answer(asked.getData(), asked.getLength(), "real");
            server.send(new DatagramPacket(real, real.length, asked.getSocketAddress()));

            Message received = new Message(pending.get(10, TimeUnit.SECONDS));
            assertThat(received.getHeader().getID()).isEqualTo(4242);
            assertThat(received.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(((TXTRecord) r).getStrings()).containsExactly("real"));
        }
    }

    @Test
    void queriesInFlightTogetherGoOutUnderDifferentIdsFromTheSameFewSockets() throws Exception {
        SharedUdpTransport transport = new SharedUdpTransport(2);
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            server.setSoTimeout(10_000);
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            java.util.Set<Integer> ports = new java.util.HashSet<>();
            for (int i = 0; i < 200; i++) {
                Message query = query(7); // every caller picked the same id
                transport.sendAndReceiveUdp(null, address, query, query.toWire(), 1280, Duration.ofSeconds(20));
            }
            for (int i = 0; i < 200; i++) {
                DatagramPacket asked = new DatagramPacket(new byte[512], 512);
                server.receive(asked);
                ids.add(((asked.getData()[0] & 0xff) << 8 | (asked.getData()[1] & 0xff)) * 100_000 + asked.getPort());
                ports.add(asked.getPort());
            }
            assertThat(ports).hasSizeLessThanOrEqualTo(2);
            assertThat(ids).hasSize(200); // no two in flight share an id on one socket
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheQueryWithATimeout() throws Exception {
        SharedUdpTransport transport = new SharedUdpTransport(1);
        try (DatagramSocket mute = new DatagramSocket(0, LOOPBACK)) {
            Message query = query(1);
            CompletableFuture<byte[]> pending = transport.sendAndReceiveUdp(null,
                    new InetSocketAddress(LOOPBACK, mute.getLocalPort()), query, query.toWire(), 1280,
                    Duration.ofMillis(300));

            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SocketTimeoutException.class);
        }
    }
}
