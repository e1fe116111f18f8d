package dev.osint.collectors.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one HTTP request over Apache HttpClient 5, to the address given when there is one: the SSRF guard
 * resolves and checks a name, and the connection goes to that very address while the name stays in the Host
 * header, TLS SNI and the certificate check. (The JDK's client resolves names itself and cannot be told where to
 * connect.) One pooled client serves the process; no retries, redirects, cookies or compression are added by it.
 */
final class Transport {
    private static final Timeout MAX_CONNECT = Timeout.ofSeconds(10);
    /** The process's transport: certificates checked against the JVM's trust store. */
    static final Transport SYSTEM = new Transport(DefaultClientTlsStrategy.createDefault());
    /** Aborts exchanges at their deadline: a socket timeout alone lets a trickling body run on. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("http-deadlines").factory());

    private final CloseableHttpClient client;

    private Transport(TlsSocketStrategy tls) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(1024)
                        .setMaxConnPerRoute(64)
                        // a kept-alive connection idle for a while is checked before reuse: servers close idle
                        // ones (the username collector's hundreds of sites do), and a request on a closed one gets
                        // no answer
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(MAX_CONNECT)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        .setTlsSocketStrategy(tls)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * A transport that trusts the certificates of {@code trustStore} only, with the same host name checks: for tests
     * that serve HTTPS on loopback with a certificate of their own.
     */
    static Transport trusting(KeyStore trustStore) throws GeneralSecurityException {
        return new Transport(new DefaultClientTlsStrategy(SSLContexts.custom()
                .loadTrustMaterial(trustStore, null).build()));
    }

    /** What came back from one hop, body already capped. */
    record Answer(int status, HttpHeaders headers, byte[] body, boolean truncated) {}

    /** The deadline passed before the exchange ended. */
    static final class DeadlinePassed extends IOException {
        DeadlinePassed() {
            super("deadline passed");
        }
    }

    /** The body is larger than the cap and the caller wants it refused. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large");
        }
    }

    /**
     * @param address where to connect; null lets the system resolver find the host (configured upstreams only)
     */
    Answer send(String method, URI uri, InetAddress address, Map<String, String> headers, byte[] body,
                String contentType, long deadlineNanos, long maxBytes, boolean truncate)
            throws IOException, InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new DeadlinePassed();
        }
        Timeout remaining = Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(pathAndQuery(uri)));
        request.setConfig(RequestConfig.custom().setResponseTimeout(remaining)
                .setConnectionRequestTimeout(remaining).build());
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, contentType == null ? null : ContentType.parse(contentType)));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        HttpHost target = address == null ? new HttpHost(scheme, uri.getHost(), port)
                : new HttpHost(scheme, address, uri.getHost(), port);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> abort = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, left, TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(target, request, null);
            return read(response, maxBytes, truncate, request);
        } catch (IOException | RuntimeException e) {
            request.cancel();
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during a request to " + uri.getHost());
            }
            if (expired.get()) {
                throw new DeadlinePassed();
            }
            throw e;
        } finally {
            abort.cancel(false);
            closeQuietly(response);
        }
    }

    private static Answer read(ClassicHttpResponse response, long maxBytes, boolean truncate,
                               HttpUriRequestBase request) throws IOException {
        HttpEntity entity = response.getEntity();
        HttpHeaders headers = headers(response.getHeaders());
        if (entity == null) {
            return new Answer(response.getCode(), headers, new byte[0], false);
        }
        if (!truncate && entity.getContentLength() > maxBytes) {
            throw new BodyTooLarge(); // refused before a byte of it is read
        }
        InputStream in = entity.getContent();
        byte[] kept = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
        boolean more = in.read() >= 0;
        if (more) {
            if (!truncate) {
                throw new BodyTooLarge();
            }
            // closing a stream with bytes left would read them all to reuse the connection: drop it instead
            request.cancel();
        }
        return new Answer(response.getCode(), headers, kept, more);
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // the connection was dropped on purpose or broke: nothing to release
            }
        }
    }

    private static HttpHeaders headers(Header[] all) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Header header : all) {
            map.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** True for the failures of the connection itself, which the caller reports as a timeout. */
    static boolean isTimeout(Throwable error) {
        return error instanceof DeadlinePassed || error instanceof InterruptedIOException;
    }
}
