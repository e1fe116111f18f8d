package dev.osint.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

class LoopbackDnsServerTest {
    private static LoopbackDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.startWithTestZones();
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static Message ask(String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
    }

    @Test
    void answersAuthoritativelyFromTheZone() throws Exception {
        Message answer = ask("www.wild.test", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("203.0.113.10");
    }

    @Test
    void tellsANameThatDoesNotExistFromANameWithoutThatType() throws Exception {
        Message nxdomain = ask("missing.example.test", Type.A);
        Message nodata = ask("mail.example.test", Type.MX);

        assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nxdomain.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void aWildcardAnswersForAnyNameUnderIt() throws Exception {
        Message answer = ask("anything-at-all.wild.test", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getName().toString()).isEqualTo("anything-at-all.wild.test.");
            assertThat(r.rdataToString()).isEqualTo("203.0.113.7");
        });
    }

    @Test
    void refusesNamesOutsideItsZones() throws Exception {
        assertThat(ask("example.com", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void transfersAZoneOnlyWhenAllowed() throws Exception {
        ZoneTransferIn open = ZoneTransferIn.newAXFR(Name.fromString("open.test."),
                new InetSocketAddress("127.0.0.1", dns.port()), null);
        open.run();
        List<Record> records = open.getAXFR();
        assertThat(records).extracting(r -> r.getName().toString(true)).contains("intranet.open.test",
                "backup-db.open.test");

        ZoneTransferIn closed = ZoneTransferIn.newAXFR(Name.fromString("closed.test."),
                new InetSocketAddress("127.0.0.1", dns.port()), null);
        assertThatThrownBy(closed::run).isInstanceOf(ZoneTransferException.class).hasMessageContaining("REFUSED");
    }

    @Test
    void silenceMakesQueriesTimeOut() throws Exception {
        try (LoopbackDnsServer mute = LoopbackDnsServer.startWithTestZones().silence(true)) {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", mute.port()));
            resolver.setTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> resolver.send(Message.newQuery(
                    Record.newRecord(Name.fromString("example.test."), Type.A, DClass.IN))))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
