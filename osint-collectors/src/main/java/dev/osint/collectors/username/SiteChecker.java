package dev.osint.collectors.username;

import dev.osint.collectors.net.PageAnswer;
import dev.osint.collectors.net.PageFailure;
import dev.osint.collectors.net.PageRequest;
import dev.osint.collectors.net.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Checks one site for one username through {@code net/}'s {@link PageRequest}: builds the request the site needs,
 * follows redirects unless the site is read by its redirect, and hands the answer to the {@link ResponseClassifier}.
 * A FOUND is then held against a random name on the same site: a site that "finds" that one too cannot tell names
 * apart (it answers 200 for everything, or its not-found page changed), so neither answer means anything. A rate
 * limit is asked again after the wait the site gives ({@code Retry-After}) when that fits the task's deadline; a
 * server error once.
 */
final class SiteChecker {
    /** Detection strings sit near the top of a page; 500 sites each sending megabytes would cost more than the check. */
    static final long BODY_LIMIT = 512 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final int RATE_LIMIT_RETRIES = 2;
    private static final Duration SERVER_ERROR_WAIT = Duration.ofMillis(250);
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(1);
    /** A site asking for more is not waited for, whatever the deadline: the scan's wall time is the slowest site's. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0",
            "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.7",
            "Accept-Language", "en-US,en;q=0.8");

    private final HttpClient client;
    private final Duration timeout;
    private final Permits permits;
    private final long deadlineNanos;
    private final UnaryOperator<URI> redirectCheck;

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which every check must be done: no retry waits past it
     * @param redirectCheck applied to every redirect followed to another host than the site's: may reroute it or
     *                      refuse it (by throwing)
     */
    SiteChecker(HttpClient client, Duration timeout, Permits permits, long deadlineNanos,
                UnaryOperator<URI> redirectCheck) {
        this.client = client;
        this.timeout = timeout;
        this.permits = permits;
        this.deadlineNanos = deadlineNanos;
        this.redirectCheck = redirectCheck;
    }

    /** The site's verdict on {@code username}; only interruption escapes, as cancellation. */
    SiteResult check(Site site, String username) throws InterruptedException {
        if (!site.allows(username)) {
            return new SiteResult(site, username, site.profileUrl(), Verdict.without(SiteStatus.INVALID_USERNAME,
                    "the site does not allow this name" + (site.usernamePattern() == null ? ""
                            : " (" + site.usernamePattern().pattern() + ")"), "name_rule"), 0, null);
        }
        long start = System.nanoTime();
        Judged target = asked(site, username);
        Verdict verdict = target.loose();
        SiteResult.Control control = null;
        if (verdict.status() == SiteStatus.FOUND) {
            String random = ControlName.pick(site, username);
            if (random != null) {
                Judged other = asked(site, random);
                control = new SiteResult.Control(random, other.loose().status(), other.loose().reason());
                verdict = confirmed(target, other, random);
            }
        }
        return new SiteResult(site, username, site.profileUrlFor(username), verdict, millisSince(start), control);
    }

    /**
     * A FOUND held against the random name's answer: it stands when the random name is not found. When that one is
     * "found" too, the site answers every name alike under the site's own description, and only another
     * catalogue's presence strings can still tell: present for the name and not for the random one, it is found;
     * present for neither, it is not. Otherwise the check cannot tell names apart on this site.
     */
    private static Verdict confirmed(Judged target, Judged random, String randomName) {
        if (random.loose().status() != SiteStatus.FOUND) {
            return target.loose();
        }
        if (random.strict().status() != SiteStatus.FOUND && target.strict().status() != SiteStatus.ERROR) {
            return target.strict();
        }
        Verdict found = target.loose();
        return new Verdict(SiteStatus.ERROR, "a random name ('" + randomName + "') is found too, so this check cannot"
                + " tell names apart here (" + found.reason() + ")", Verdict.OWN, "random_name_control",
                found.matchedStatus(), found.matchedString(), found.finalUrl(), null);
    }

    /** One answer read two ways: {@code strict} also wants other catalogues' presence strings. */
    private record Judged(Verdict loose, Verdict strict) {}

    /** The site asked about {@code username}, again after a rate limit or a server error when that helps. */
    private Judged asked(Site site, String username) throws InterruptedException {
        for (int retry = 0; ; retry++) {
            Judged judged = once(site, username);
            Verdict verdict = judged.loose();
            Duration wait = retryWait(verdict, retry);
            if (wait == null) {
                if (retry == 0) {
                    return judged;
                }
                String after = " after " + (retry == 1 ? "a retry" : retry + " retries");
                return new Judged(verdict.withReason(verdict.reason() + after),
                        judged.strict().withReason(judged.strict().reason() + after));
            }
            if (wait.compareTo(MAX_WAIT) > 0
                    || System.nanoTime() + wait.toNanos() + timeout.toNanos() > deadlineNanos) {
                Verdict given = verdict.withReason(verdict.reason() + "; it asked to wait " + seconds(wait)
                        + ", past the task's deadline, so it was not asked again");
                return new Judged(given, given);
            }
            Thread.sleep(wait.toMillis()); // no permit is held while waiting
        }
    }

    /** How long to wait before asking again, or null when asking again would not help. */
    private static Duration retryWait(Verdict verdict, int retriesSoFar) {
        if (verdict.isRateLimit() && retriesSoFar < RATE_LIMIT_RETRIES) {
            return verdict.retryAfter() != null ? verdict.retryAfter()
                    : RATE_LIMIT_WAIT.multipliedBy(retriesSoFar + 1L);
        }
        boolean serverError = verdict.status() == SiteStatus.ERROR && verdict.matchedStatus() != null
                && verdict.matchedStatus() >= 500;
        if (serverError && retriesSoFar == 0) {
            return verdict.retryAfter() != null ? verdict.retryAfter() : SERVER_ERROR_WAIT;
        }
        return null;
    }

    /** One exchange, redirects included, within one timeout. */
    private Judged once(Site site, String username) throws InterruptedException {
        URI uri;
        PageRequest request;
        try {
            uri = URI.create(site.requestUrlFor(username));
            request = PageRequest.to(uri).method(site.method(), site.bodyFor(username)).keepFirstBytes(BODY_LIMIT)
                    .timeout(timeout);
        } catch (IllegalArgumentException e) {
            Verdict malformed = Verdict.without(SiteStatus.ERROR, "malformed request URL: " + e.getMessage(), "request");
            return new Judged(malformed, malformed);
        }
        DEFAULT_HEADERS.forEach(request::header);
        site.headers().forEach(request::header);
        if (site.followsRedirects()) {
            request.followRedirects(MAX_REDIRECTS, hop -> sameOrigin(hop, uri) ? hop : redirectCheck.apply(hop));
        }
        PageAnswer page;
        try (Permits.Held held = permits.hold(uri)) {
            page = request.send(client);
        } catch (PageFailure e) {
            Verdict failed = failed(e);
            return new Judged(failed, failed);
        }
        SiteAnswer answer = new SiteAnswer(page.requested(), page.url(), page.redirects(), page.status(),
                page.headers(), site.method().equals("HEAD") ? "" : page.text(), page.truncated());
        Verdict loose = ResponseClassifier.classify(site, username, answer, false);
        Verdict strict = ResponseClassifier.classify(site, username, answer, true);
        String retryAfter = answer.header("retry-after");
        if (retryAfter != null) {
            loose = loose.withRetryAfter(RetryAfter.parse(retryAfter, Instant.now()).orElse(null));
        }
        return new Judged(loose, strict);
    }

    private Verdict failed(PageFailure failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> Verdict.without(SiteStatus.TIMEOUT, failure.getMessage().equals("connect timed out")
                    ? "connect timed out" : "no complete answer within " + timeout.toMillis() + " ms", "timeout");
            case UNREACHABLE -> Verdict.without(SiteStatus.ERROR, "connection refused", "network");
            case REDIRECT -> Verdict.without(SiteStatus.ERROR, "redirect not followed: " + failure.getMessage(),
                    "redirect");
            default -> Verdict.without(SiteStatus.ERROR, failure.getMessage(), "network");
        };
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
