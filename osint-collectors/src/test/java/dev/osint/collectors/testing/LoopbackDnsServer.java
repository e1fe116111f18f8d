package dev.osint.collectors.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A small authoritative DNS server on 127.0.0.1 (UDP and TCP, one ephemeral port) serving zone files, for tests.
 *
 * <p>{@code try (var dns = LoopbackDnsServer.startWithTestZones()) { … "OSINT_DNS_RESOLVERS", dns.address() … }}
 */
public final class LoopbackDnsServer implements AutoCloseable {
    /** The zones bundled in {@code src/test/resources/zones}; {@code open.test} allows zone transfers. */
    public static final List<String> TEST_ZONES = List.of("example.test", "wild.test", "open.test", "closed.test");

    private static final int PLAIN_UDP_LIMIT = 512;
    private static final int MAX_CNAME_CHAIN = 8;
    private static final int AXFR_RECORDS_PER_MESSAGE = 100;

    private final List<Zone> zones;
    private final Set<Name> transferable = ConcurrentHashMap.newKeySet();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final Queue<String> questions = new ConcurrentLinkedQueue<>();
    private final java.util.Map<Name, Rebinding> rebindings = new ConcurrentHashMap<>();
    private volatile boolean silent;
    private volatile boolean closed;

    private LoopbackDnsServer(List<Zone> zones, DatagramSocket udp, ServerSocket tcp) {
        this.zones = zones;
        this.udp = udp;
        this.tcp = tcp;
        Thread.ofPlatform().daemon().name("loopback-dns-udp-" + port()).start(this::serveUdp);
        Thread.ofPlatform().daemon().name("loopback-dns-tcp-" + port()).start(this::acceptTcp);
    }

    /** Serves the given zone files; each file's name without a {@code .zone} suffix is its origin. */
    public static LoopbackDnsServer start(Path... zoneFiles) throws IOException {
        List<Zone> zones = new ArrayList<>();
        for (Path file : zoneFiles) {
            String origin = file.getFileName().toString().replaceFirst("\\.zone$", "");
            zones.add(new Zone(Name.fromString(origin, Name.root), file.toString()));
        }
        return bind(zones);
    }

    /** Serves the bundled test zones, with zone transfers allowed for {@code open.test} only. */
    public static LoopbackDnsServer startWithTestZones() throws IOException {
        List<Zone> zones = new ArrayList<>();
        for (String origin : TEST_ZONES) {
            try (InputStream in = LoopbackDnsServer.class.getResourceAsStream("/zones/" + origin + ".zone")) {
                if (in == null) {
                    throw new IOException("test zone missing from the class path: /zones/" + origin + ".zone");
                }
                zones.add(new Zone(Name.fromString(origin, Name.root), in));
            }
        }
        LoopbackDnsServer server = bind(zones);
        server.allowTransfer("open.test");
        return server;
    }

    /** The path of a bundled test zone file, for tools that read zone files themselves. */
    public static Path testZoneFile(String origin) {
        try {
            return Path.of(LoopbackDnsServer.class.getResource("/zones/" + origin + ".zone").toURI());
        } catch (Exception e) {
            throw new IllegalArgumentException("no bundled test zone " + origin, e);
        }
    }

    private static LoopbackDnsServer bind(List<Zone> zones) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // UDP takes an ephemeral port; TCP must get the same number, which another process may hold: try again
        for (int attempt = 0; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()), 64);
                return new LoopbackDnsServer(zones, udp, tcp);
            } catch (BindException e) {
                udp.close();
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, the form {@code OSINT_DNS_RESOLVERS} takes. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Lets clients transfer (AXFR, over TCP) the zone with this origin. */
    public LoopbackDnsServer allowTransfer(String zone) {
        transferable.add(absolute(zone));
        return this;
    }

    /** A name whose A record changes from one query to the next, as a rebinding attacker's server answers. */
    private static final class Rebinding {
        private final List<InetAddress> answers;
        private final AtomicInteger asked = new AtomicInteger();

        Rebinding(List<InetAddress> answers) {
            this.answers = answers;
        }

        InetAddress next() {
            int n = asked.getAndIncrement();
            return answers.get(Math.min(n, answers.size() - 1));
        }
    }

    /**
     * Answers the A queries for {@code name} with each of {@code addresses} in turn (the last one from then on),
     * with TTL 0 so that no resolver may keep an answer: DNS rebinding. Its AAAA queries find nothing.
     */
    public LoopbackDnsServer rebind(String name, String... addresses) {
        List<InetAddress> answers = new ArrayList<>();
        for (String address : addresses) {
            try {
                answers.add(InetAddress.getByName(address));
            } catch (IOException e) {
                throw new IllegalArgumentException("not an address: " + address, e);
            }
        }
        rebindings.put(absolute(name), new Rebinding(answers));
        return this;
    }

    /** How many A queries {@code name} has had since {@link #rebind}. */
    public int rebindQueries(String name) {
        Rebinding rebinding = rebindings.get(absolute(name));
        return rebinding == null ? 0 : rebinding.asked.get();
    }

    /** While true, queries are read and never answered (to test timeouts). */
    public LoopbackDnsServer silence(boolean value) {
        this.silent = value;
        return this;
    }

    /** The name of every question asked so far (over UDP or TCP, answered or not), as {@code www.example.test.}. */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    /** How many queries came over TCP (truncation fallbacks and zone transfers). */
    public int tcpQueries() {
        return tcpQueries.get();
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // same
            }
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                if (silent) {
                    continue;
                }
                Message query = parse(buffer, packet.getLength());
                if (query == null) {
                    continue;
                }
                byte[] wire = answer(query).toWire(udpLimit(query));
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // one bad packet must not stop the server
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            try {
                Socket socket = tcp.accept();
                connections.add(socket);
                Thread.ofVirtual().start(() -> serveTcp(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (!closed) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                tcpQueries.incrementAndGet();
                if (silent) {
                    continue;
                }
                Message query = parse(wire, wire.length);
                if (query == null) {
                    return;
                }
                for (Message message : answerOverTcp(query)) {
                    byte[] bytes = message.toWire();
                    out.writeShort(bytes.length);
                    out.write(bytes);
                }
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the client hung up or the server closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            connections.remove(socket);
        }
    }

    private static Message parse(byte[] buffer, int length) {
        try {
            byte[] wire = new byte[length];
            System.arraycopy(buffer, 0, wire, 0, length);
            return new Message(wire);
        } catch (IOException e) {
            return null;
        }
    }

    private static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, opt.getPayloadSize());
    }

    private List<Message> answerOverTcp(Message query) {
        Record question = query.getQuestion();
        if (question == null || question.getType() != Type.AXFR) {
            return List.of(answer(query));
        }
        questions.add(question.getName().toString());
        Zone zone = zones.stream().filter(z -> z.getOrigin().equals(question.getName())).findFirst().orElse(null);
        if (zone == null || !transferable.contains(zone.getOrigin())) {
            return List.of(reply(query, Rcode.REFUSED));
        }
        List<Message> messages = new ArrayList<>();
        Message current = reply(query, Rcode.NOERROR);
        int count = 0;
        for (Iterator<RRset> it = zone.AXFR(); it.hasNext(); ) {
            for (Record record : it.next().rrs()) {
                if (count == AXFR_RECORDS_PER_MESSAGE) {
                    messages.add(current);
                    current = reply(query, Rcode.NOERROR);
                    count = 0;
                }
                current.addRecord(record, Section.ANSWER);
                count++;
            }
        }
        messages.add(current);
        return messages;
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        if (question != null) {
            questions.add(question.getName().toString());
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            return reply(query, Rcode.NOTIMP);
        }
        if (question.getType() == Type.AXFR || question.getType() == Type.IXFR) {
            // a transfer is only ever offered over TCP
            return reply(query, Rcode.REFUSED);
        }
        Rebinding rebinding = rebindings.get(question.getName());
        if (rebinding != null) {
            Message response = reply(query, Rcode.NOERROR);
            response.getHeader().setFlag(Flags.AA);
            if (question.getType() == Type.A) {
                response.addRecord(new org.xbill.DNS.ARecord(question.getName(), DClass.IN, 0, rebinding.next()),
                        Section.ANSWER);
            }
            return response;
        }
        Zone zone = zoneFor(question.getName());
        if (zone == null) {
            return reply(query, Rcode.REFUSED);
        }
        Message response = reply(query, Rcode.NOERROR);
        response.getHeader().setFlag(Flags.AA);
        Name name = question.getName();
        for (int hop = 0; hop < MAX_CNAME_CHAIN; hop++) {
            SetResponse found = zone.findRecords(name, question.getType());
            if (found.isSuccessful()) {
                found.answers().forEach(set -> set.rrs().forEach(r -> response.addRecord(r, Section.ANSWER)));
                return response;
            }
            if (found.isCNAME()) {
                CNAMERecord cname = found.getCNAME();
                response.addRecord(cname, Section.ANSWER);
                name = cname.getTarget();
                if (!name.subdomain(zone.getOrigin())) {
                    return response; // the rest of the chain is another server's business
                }
                continue;
            }
            if (found.isDelegation()) {
                response.getHeader().unsetFlag(Flags.AA);
                found.getNS().rrs().forEach(r -> response.addRecord(r, Section.AUTHORITY));
                return response;
            }
            if (found.isNXDOMAIN() && hop == 0) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            // NXDOMAIN and NODATA both carry the SOA, whose minimum TTL tells resolvers how long to cache the absence
            response.addRecord(zone.getSOA(), Section.AUTHORITY);
            return response;
        }
        return response;
    }

    private Zone zoneFor(Name name) {
        Zone best = null;
        for (Zone zone : zones) {
            if (name.subdomain(zone.getOrigin())
                    && (best == null || zone.getOrigin().labels() > best.getOrigin().labels())) {
                best = zone;
            }
        }
        return best;
    }

    private static Message reply(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setRcode(rcode);
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            response.addRecord(new OPTRecord(Math.max(PLAIN_UDP_LIMIT, 1232), 0, 0), Section.ADDITIONAL);
        }
        return response;
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }
}
