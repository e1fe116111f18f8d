package dev.osint.collectors.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.osint.collectors.testing.LoopbackDnsServer;
import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.Settings;
import dev.osint.core.UpstreamSpec;
import dev.osint.core.testing.TestScanContext;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinning over HTTPS: the guard resolves {@code secure.example.test} through a loopback DNS server to 127.0.0.2 and
 * the connection goes to that address, while TLS goes on in the name: the ClientHello's SNI carries it and the
 * certificate is checked against it. WireMock serves HTTPS with self-signed certificates made for the test (trusted
 * by the test's trust store only) behind a relay on the pinned address that reads the SNI off each ClientHello.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinnedHttpsTest {
    private static final String NAME = "secure.example.test";
    private static final String OTHER_NAME = "other.example.test";
    private static final String PINNED = "127.0.0.2";
    private static final String PASSWORD = "changeit";
    private static final UpstreamSpec PAGES = DomainReportProbe.PAGES.timeout(Duration.ofSeconds(20));

    private Path dir;
    private LoopbackDnsServer dns;
    private WireMockServer secure;
    private WireMockServer impostor;
    private SniRelay toSecure;
    private SniRelay toImpostor;
    private SniRelay toSecureUntrusted;
    private Transport trustingTestCertificates;

    @BeforeAll
    void start(@TempDir Path keyStores) throws Exception {
        dir = keyStores;
        Path secureStore = keyStore("secure", NAME);
        Path impostorStore = keyStore("impostor", OTHER_NAME);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        // both certificates are trusted: the impostor's is refused for its name, not for its issuer
        trusted.setCertificateEntry("secure", load(secureStore).getCertificate("secure"));
        trusted.setCertificateEntry("impostor", load(impostorStore).getCertificate("impostor"));
        trustingTestCertificates = Transport.trusting(trusted);

        secure = https(secureStore);
        impostor = https(impostorStore);
        toSecure = SniRelay.start(PINNED, secure.httpsPort());
        toImpostor = SniRelay.start(PINNED, impostor.httpsPort());
        toSecureUntrusted = SniRelay.start(PINNED, secure.httpsPort());
        dns = LoopbackDnsServer.startWithTestZones().rebind(NAME, PINNED);
    }

    @AfterAll
    void stop() throws IOException {
        toSecure.close();
        toImpostor.close();
        toSecureUntrusted.close();
        secure.stop();
        impostor.stop();
        dns.close();
    }

    /** A self-signed certificate for {@code name} (subject and SAN), made by the JDK's keytool. */
    private Path keyStore(String alias, String name) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
        return file;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static WireMockServer https(Path keyStore) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .httpDisabled(true).dynamicHttpsPort().keystorePath(keyStore.toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        server.start();
        server.stubFor(get(urlPathEqualTo("/profile")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<h1>secure</h1>")));
        return server;
    }

    private SsrfGuard guard() {
        return SsrfGuard.fromSettings(new Settings(Map.of("OSINT_DNS_RESOLVERS", dns.address(),
                SsrfGuard.ALLOW_SETTING, PINNED + "/32")));
    }

    private RawResponse fetch(SniRelay relay, Transport transport) throws InterruptedException {
        URI url = URI.create("https://" + NAME + ":" + relay.port() + "/profile");
        TestScanContext context = TestScanContext.aScanOf(new DomainReportProbe()).target("example.com").build();
        return HttpExchange.get(url).upstream(Upstream.userChosen(PAGES, guard(), null, url)).via(transport)
                .send(context);
    }

    @Test
    void theConnectionGoesToThePinnedAddressWhileSniAndTheCertificateCheckUseTheName() throws Exception {
        int queriesBefore = dns.rebindQueries(NAME);

        RawResponse page = fetch(toSecure, trustingTestCertificates);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).isEqualTo("<h1>secure</h1>");
        // the one connection reached the address the guard checked, and asked for the name in its ClientHello
        assertThat(toSecure.serverNames()).containsExactly(NAME);
        assertThat(toSecure.clients()).containsExactly(PINNED);
        assertThat(secure.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getHeader("Host")).isEqualTo(NAME + ":" + toSecure.port()));
        // the guard asked DNS once; the HTTP client never resolved the name itself
        assertThat(dns.rebindQueries(NAME) - queriesBefore).isEqualTo(1);
    }

    @Test
    void aCertificateForAnotherNameIsRefusedAndNothingIsSent() {
        Throwable refused = catchThrowable(() -> fetch(toImpostor, trustingTestCertificates));

        assertThat(refused).isInstanceOf(CollectorException.class).isNotInstanceOf(RetryableCollectorException.class)
                .hasMessageStartingWith(NAME + " refused: its TLS certificate is not valid for " + NAME);
        assertThat(FailureKind.of(refused)).hasValue(FailureKind.CERTIFICATE_REFUSED);
        assertThat(toImpostor.serverNames()).containsExactly(NAME);
        assertThat(impostor.getAllServeEvents()).as("no request after a refused handshake").isEmpty();
    }

    @Test
    void theProcessTransportDoesNotTrustATestsCertificate() {
        Throwable refused = catchThrowable(() -> fetch(toSecureUntrusted, Transport.SYSTEM));

        assertThat(FailureKind.of(refused)).hasValue(FailureKind.CERTIFICATE_REFUSED);
        assertThat(refused).hasMessageStartingWith(NAME + " refused: its TLS certificate is not valid for " + NAME);
    }

    /**
     * A TCP relay on one address that reads the server name (SNI) off each TLS ClientHello, then passes every byte
     * both ways to the real server: what the client asked for, seen on the wire.
     */
    private static final class SniRelay implements AutoCloseable {
        private final ServerSocket socket;
        private final int target;
        private final List<String> serverNames = new CopyOnWriteArrayList<>();
        private final List<String> clients = new CopyOnWriteArrayList<>();

        private SniRelay(ServerSocket socket, int target) {
            this.socket = socket;
            this.target = target;
        }

        static SniRelay start(String address, int targetPort) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            SniRelay relay = new SniRelay(socket, targetPort);
            Thread.ofVirtual().start(relay::accept);
            return relay;
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> serverNames() {
            return List.copyOf(serverNames);
        }

        /** The local address each connection reached. */
        List<String> clients() {
            return List.copyOf(clients);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    clients.add(client.getLocalAddress().getHostAddress());
                    Thread.ofVirtual().start(() -> relay(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void relay(Socket client) {
            try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] header = new byte[5];
                in.readFully(header);
                byte[] record = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
                in.readFully(record);
                serverNames.add(header[0] == 22 ? serverName(ByteBuffer.wrap(record)) : "(not TLS)");
                OutputStream toServer = server.getOutputStream();
                toServer.write(header);
                toServer.write(record);
                toServer.flush();
                Thread back = Thread.ofVirtual().start(() -> pipe(server, client));
                pipe(client, server);
                back.join();
            } catch (IOException | InterruptedException e) {
                // a side went away: the exchange is over
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // closed
            }
        }

        /** The host name of a ClientHello's server_name extension (RFC 6066 §3); "(none)" without one. */
        private static String serverName(ByteBuffer hello) {
            hello.position(4 + 2 + 32); // handshake type and length, client version, random
            skip(hello, hello.get() & 0xff); // session id
            skip(hello, hello.getShort() & 0xffff); // cipher suites
            skip(hello, hello.get() & 0xff); // compression methods
            int end = hello.position() + (hello.getShort() & 0xffff);
            while (hello.position() < end) {
                int type = hello.getShort() & 0xffff;
                int length = hello.getShort() & 0xffff;
                if (type != 0) {
                    skip(hello, length);
                    continue;
                }
                hello.getShort(); // the list's length
                hello.get(); // name type: host_name
                byte[] name = new byte[hello.getShort() & 0xffff];
                hello.get(name);
                return new String(name, StandardCharsets.US_ASCII);
            }
            return "(none)";
        }

        private static void skip(ByteBuffer buffer, int bytes) {
            buffer.position(buffer.position() + bytes);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
