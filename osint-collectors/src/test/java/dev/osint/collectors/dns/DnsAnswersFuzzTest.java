package dev.osint.collectors.dns;

import static dev.osint.core.testing.Fuzz.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.Json;
import dev.osint.core.testing.Fuzz;
import dev.osint.core.testing.TestScanContext;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DNS answers, fuzzed through the dns collector: a loopback server answers each query with a generated message
 * (odd records, rcodes, flags, names outside the zone, SPF and DMARC texts), garbage after the right id, a cut or
 * damaged message, or nothing. The collector gives a result or a {@link CollectorException}, never another
 * exception and never a hang. Addresses in the answers are loopback only, so zone transfers stay on this machine.
 */
class DnsAnswersFuzzTest {
    private static FuzzedDnsServer server;

    @BeforeContainer
    static void start() throws IOException {
        server = FuzzedDnsServer.start();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    enum Shape { MESSAGE, NOISE_AFTER_ID, CUT, DAMAGED, EMPTY, SILENT }

    enum Owner { QUESTION, SUBDOMAIN, OUTSIDE, ROOT, LONG, ODD, WILDCARD }

    /** One resource record to put in an answer, described so that jqwik can shrink it. */
    record Rr(int type, Owner owner, Owner target, String text, int number, byte[] bytes, int section) {}

    /** How to answer a query: the same plan always answers the same question the same way. */
    record Reply(Shape shape, int rcode, boolean authoritative, boolean truncated, List<Rr> records, byte[] noise) {}

    private static final int[] TYPES = {Type.A, Type.AAAA, Type.CNAME, Type.MX, Type.NS, Type.TXT, Type.SOA, Type.CAA,
            Type.SRV, Type.DNSKEY, Type.DS, Type.PTR, Type.DNAME, 0, 255, 65535, 4321};

    @Provide
    Arbitrary<List<Reply>> replies() {
        Arbitrary<String> text = Arbitraries.oneOf(Fuzz.text(), Arbitraries.of("v=spf1 include:_spf.example.test ~all",
                "v=spf1 redirect=example.test", "v=spf1 include:a include:b include:c -all", "v=spf1 ip4:999.1.1.1/99 -",
                "v=spf1 exists:%{i}.%{h}._spf.%{d} ?all", "v=DMARC1; p=reject; rua=mailto:a@b; pct=150",
                "v=DMARC1;p=;sp=;;;", "v=DMARC1; p=quarantine; ruf=mailto:" + "x".repeat(300), "v=DMARC1",
                "v=spf1 " + "include:x ".repeat(40)));
        Arbitrary<Rr> rr = Combinators.combine(Arbitraries.of(Arrays.stream(TYPES).boxed().toList()),
                Arbitraries.of(Owner.values()), Arbitraries.of(Owner.values()), text,
                Arbitraries.integers(), Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.integers().between(1, 3)).as(Rr::new);
        Arbitrary<Reply> reply = Combinators.combine(
                Arbitraries.frequency(Tuple.of(12, Shape.MESSAGE), Tuple.of(2, Shape.NOISE_AFTER_ID),
                        Tuple.of(2, Shape.CUT), Tuple.of(2, Shape.DAMAGED), Tuple.of(1, Shape.EMPTY),
                        Tuple.of(1, Shape.SILENT)),
                Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(2, 3), Tuple.of(1, 2), Tuple.of(1, 5), Tuple.of(1, 15)),
                Arbitraries.of(true, false), Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
                rr.list().ofMaxSize(8), Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(Reply::new);
        return reply.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> domains() {
        return Arbitraries.of("example.test", "_sip._tcp.example.test", "xn--bcher-kva.test", "a.b.c.d.example.test");
    }

    @Property
    void anyAnswersGiveAResultOrACollectorError(@ForAll("replies") List<Reply> replies,
                                                @ForAll("domains") String domain) {
        server.answerWith(query -> answer(query, replies));
        TestScanContext.Builder scan = TestScanContext.aScanOf(new DnsCollector()).target(domain)
                .setting("OSINT_DNS_RESOLVERS", server.address())
                .setting("OSINT_DNS_TIMEOUT", "0.1")
                // the answers' addresses are loopback: let zone transfers go there, so that they are fuzzed too
                .setting("OSINT_SSRF_ALLOW", "127.0.0.0/8,::1/128");
        String outcome = within(Duration.ofSeconds(30), () -> {
            try {
                CollectorOutput output = scan.run();
                assertThat(Json.write(output.data())).isNotEmpty();
                assertThat(Json.write(output.entities())).isNotEmpty();
                assertThat(Json.write(output.metadata())).isNotEmpty();
                return (output.success() ? "found, " : "not found, ") + output.entities().size() + " entities";
            } catch (CollectorException e) {
                assertThat(e.getMessage()).isNotBlank();
                return e.getClass().getSimpleName();
            }
        });
        // how deep the answers got: a run of only errors would fuzz nothing past the resolver
        Statistics.label("outcome").collect(outcome.replaceAll("\\d+ entities", "n entities"));
    }

    /** The plan picked by the question (name and type), so that a retry of the same query gets the same answer. */
    private static Optional<byte[]> answer(Message query, List<Reply> replies) {
        Record question = query.getQuestion();
        Reply reply = replies.get(Math.floorMod((question.getName() + "/" + question.getType()).hashCode(),
                replies.size()));
        int id = query.getHeader().getID();
        return switch (reply.shape()) {
            case SILENT -> Optional.empty();
            case EMPTY -> Optional.of(new byte[0]);
            case NOISE_AFTER_ID -> {
                byte[] bytes = Arrays.copyOf(new byte[] {(byte) (id >> 8), (byte) id}, 2 + reply.noise().length);
                System.arraycopy(reply.noise(), 0, bytes, 2, reply.noise().length);
                yield Optional.of(bytes);
            }
            case CUT -> {
                byte[] wire = message(query, reply).toWire();
                yield Optional.of(Arrays.copyOf(wire, 2 + Math.floorMod(reply.noise().length * 7, wire.length - 1)));
            }
            case DAMAGED -> {
                byte[] wire = message(query, reply).toWire();
                for (int i = 0; i + 1 < reply.noise().length; i += 2) {
                    int at = 2 + Math.floorMod(reply.noise()[i] * 131 + i, Math.max(1, wire.length - 2));
                    if (at < wire.length) {
                        wire[at] ^= reply.noise()[i + 1];
                    }
                }
                yield Optional.of(wire);
            }
            case MESSAGE -> Optional.of(message(query, reply).toWire());
        };
    }

    private static Message message(Message query, Reply reply) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (reply.authoritative()) {
            response.getHeader().setFlag(Flags.AA);
        }
        if (reply.truncated()) {
            response.getHeader().setFlag(Flags.TC);
        }
        response.getHeader().setRcode(reply.rcode());
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        for (Rr rr : reply.records()) {
            Record record = record(rr, question);
            if (record != null) {
                response.addRecord(record, rr.section());
            }
        }
        return response;
    }

    /** A record of the planned type, or null when dnsjava refuses to build one from these values. */
    private static Record record(Rr rr, Record question) {
        try {
            Name owner = name(rr.owner(), question.getName(), rr.number());
            Name target = name(rr.target(), question.getName(), rr.number() >>> 3);
            long ttl = Math.floorMod(rr.number(), 1 << 20);
            int n = rr.number();
            return switch (rr.type()) {
                case Type.A -> new ARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(
                        new byte[] {127, (byte) n, (byte) (n >> 8), (byte) (n >> 16)}));
                case Type.AAAA -> new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByName("::1"));
                case Type.CNAME -> new CNAMERecord(owner, DClass.IN, ttl, target);
                case Type.NS -> new NSRecord(owner, DClass.IN, ttl, target);
                case Type.MX -> new MXRecord(owner, DClass.IN, ttl, n & 0xFFFF, target);
                case Type.TXT -> new TXTRecord(owner, DClass.IN, ttl, chunks(rr.text()));
                case Type.SOA -> new SOARecord(owner, DClass.IN, ttl, target, owner, n & 0xFFFFFFFFL, n & 0x7FFF,
                        3600, 86400, ttl);
                case Type.CAA -> new CAARecord(owner, DClass.IN, ttl, n & 0xFF,
                        List.of("issue", "issuewild", "iodef", "x").get(Math.floorMod(n, 4)), rr.text());
                case Type.SRV -> new SRVRecord(owner, DClass.IN, ttl, n & 0xFFFF, (n >> 3) & 0xFFFF, (n >> 7) & 0xFFFF,
                        target);
                case Type.DNSKEY -> new DNSKEYRecord(owner, DClass.IN, ttl, n & 0xFFFF, 3, n & 0xFF, rr.bytes());
                case Type.DS -> new DSRecord(owner, DClass.IN, ttl, n & 0xFFFF, n & 0xFF, 2, rr.bytes());
                default -> Record.newRecord(owner, rr.type(), DClass.IN, ttl, rr.bytes());
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> chunks(String text) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 200) {
            strings.add(text.substring(i, Math.min(text.length(), i + 200)));
        }
        return strings.isEmpty() ? List.of("") : strings;
    }

    private static Name name(Owner kind, Name question, int n) throws IOException {
        return switch (kind) {
            case QUESTION -> question;
            case SUBDOMAIN -> Name.concatenate(Name.fromString("s" + Math.floorMod(n, 5)), question);
            case OUTSIDE -> Name.fromString("elsewhere" + Math.floorMod(n, 3) + ".invalid.");
            case ROOT -> Name.root;
            case LONG -> Name.fromString("a.".repeat(120) + "test.");
            case ODD -> Name.fromString("we\\000ird\\.la\\ bel.\\255." + question);
            case WILDCARD -> Name.concatenate(Name.fromString("*"), question);
        };
    }
}
