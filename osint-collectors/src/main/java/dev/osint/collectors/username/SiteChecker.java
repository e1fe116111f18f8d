package dev.osint.collectors.username;

import dev.osint.collectors.username.Detection.Method;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one site for one username: builds the request the site needs, follows redirects unless the site is
 * read by its redirect, retries once on 429 or 5xx, and hands the answer to the {@link ResponseClassifier}.
 */
final class SiteChecker {
    private static final int MAX_REDIRECTS = 5;
    private static final int BODY_LIMIT = 256 * 1024;
    private static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(250);
    /** A site asking for longer than this is not waited for: the scan's wall time is the slowest site's. */
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(2);
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.7",
            "Accept-Language", "en-US,en;q=0.8");

    private final HttpClient client;
    private final Duration timeout;

    SiteChecker(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** The site's verdict on {@code username}; only interruption escapes, as cancellation. */
    SiteResult check(Site site, String username) throws InterruptedException {
        String profileUrl = site.profileUrlFor(username);
        if (!site.allows(username)) {
            return new SiteResult(site, SiteStatus.INVALID_USERNAME, profileUrl, null, 0,
                    "the site does not allow this name (" + site.usernamePattern().pattern() + ")");
        }
        long start = System.nanoTime();
        Integer lastStatus = null;
        try {
            for (int attempt = 0; ; attempt++) {
                SiteAnswer answer = fetch(site, username);
                lastStatus = answer.status();
                boolean retryable = answer.status() == 429 || answer.status() >= 500;
                if (retryable && attempt == 0) {
                    Thread.sleep(retryDelay(answer).toMillis());
                    continue;
                }
                ResponseClassifier.Verdict verdict = ResponseClassifier.classify(site, username, answer);
                String reason = attempt > 0 ? verdict.reason() + " after a retry" : verdict.reason();
                return new SiteResult(site, verdict.status(), profileUrl, lastStatus, millisSince(start), reason);
            }
        } catch (HttpConnectTimeoutException e) {
            return new SiteResult(site, SiteStatus.TIMEOUT, profileUrl, lastStatus, millisSince(start),
                    "connect timed out");
        } catch (TimeoutException | HttpTimeoutException e) {
            return new SiteResult(site, SiteStatus.TIMEOUT, profileUrl, lastStatus, millisSince(start),
                    "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new SiteResult(site, SiteStatus.ERROR, profileUrl, lastStatus, millisSince(start),
                    "connection refused");
        } catch (IOException | IllegalArgumentException e) {
            return new SiteResult(site, SiteStatus.ERROR, profileUrl, lastStatus, millisSince(start),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** One exchange, redirects included, within one timeout. */
    private SiteAnswer fetch(Site site, String username)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI first = URI.create(site.requestUrlFor(username));
        URI uri = first;
        String method = site.method();
        String body = site.bodyFor(username);
        boolean follow = !site.detection().uses(Method.REDIRECT);
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = send(request(site, uri, method, body, deadline), deadline);
            String location = response.headers().firstValue("location").orElse(null);
            int status = response.statusCode();
            if (follow && status >= 300 && status < 400 && location != null && hop < MAX_REDIRECTS) {
                uri = uri.resolve(location.strip());
                if (status != 307 && status != 308) {
                    method = "HEAD".equals(method) ? "HEAD" : "GET";
                    body = null;
                }
                continue;
            }
            return new SiteAnswer(first, uri, status, response.headers(), decode(response));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, long deadline)
            throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, info -> new BoundedBodySubscriber(BODY_LIMIT));
        try {
            // one deadline for headers and body: the request's own timeout stops at the headers
            return pending.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    private static HttpRequest request(Site site, URI uri, String method, String body, long deadline) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempt on plain HTTP
        }
        DEFAULT_HEADERS.forEach((name, value) -> {
            if (site.headers().keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                builder.header(name, value);
            }
        });
        site.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        if (body != null && site.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            builder.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String decode(HttpResponse<byte[]> response) {
        Charset charset = StandardCharsets.UTF_8;
        Matcher matcher = CHARSET.matcher(response.headers().firstValue("content-type").orElse(""));
        if (matcher.find()) {
            try {
                charset = Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException e) {
                // an unknown charset: UTF-8 reads the ASCII markers the detection looks for
            }
        }
        return new String(response.body(), charset);
    }

    private Duration retryDelay(SiteAnswer answer) {
        String retryAfter = answer.header("retry-after");
        if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
            Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            return asked.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : asked;
        }
        return DEFAULT_RETRY_DELAY;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
