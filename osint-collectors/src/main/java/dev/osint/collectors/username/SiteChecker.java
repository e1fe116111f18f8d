package dev.osint.collectors.username;

import dev.osint.collectors.net.FailureKind;
import dev.osint.collectors.net.HttpExchange;
import dev.osint.collectors.net.RawResponse;
import dev.osint.collectors.net.RetryAfter;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.core.CollectorException;
import dev.osint.core.ScanContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Checks one site for one username through {@code net/}'s {@link HttpExchange}: builds the request the site needs,
 * follows redirects unless the site is read by its redirect, and hands the answer to the {@link ResponseClassifier}.
 * A FOUND is held against a random name on the same site: a site that "finds" that one too cannot tell names
 * apart (it answers 200 for everything, or its not-found page changed), so neither answer means anything. That
 * check runs after a FOUND, or beside the name's own when the site is slow or rate-limited (see {@link Control}),
 * from the start on a site that was slow last time ({@link SiteLatencies}). A rate limit is asked again after the
 * wait the site gives ({@code Retry-After}) when that fits the task's deadline; a server error once.
 */
final class SiteChecker {
    /**
     * Detection strings sit near the top of a page; hundreds of sites each sending megabytes would cost more than the
     * check. A text past the cut cannot make a false FOUND: the random name's page is cut the same way.
     */
    static final long BODY_LIMIT = 256 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final int RATE_LIMIT_RETRIES = 2;
    private static final Duration SERVER_ERROR_WAIT = Duration.ofMillis(250);
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(1);
    /** A site asking for more is not waited for, whatever the deadline: the scan's wall time is the slowest site's. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** A site not answered this soon gets its random-name check at once, beside the name's own. */
    static final Duration HEDGE_AFTER = Duration.ofMillis(500);
    /**
     * A site that took this long last time (a slow server, a rate limit's wait), and twice as long as most sites of
     * the scan, gets its random-name check from the start. Twice {@link #HEDGE_AFTER}: a site about as slow as most is
     * not asked twice on the strength of one slow answer.
     */
    static final Duration KNOWN_SLOW = HEDGE_AFTER.multipliedBy(2);
    private static final Executor HEDGE = CompletableFuture.delayedExecutor(HEDGE_AFTER.toMillis(),
            TimeUnit.MILLISECONDS, Runnable::run);
    private static final Verdict NOT_ASKED = Verdict.without(SiteStatus.ERROR, "not asked: no longer needed",
            "random_name_control");
    /**
     * A connection that broke is asked again at once, this many times: a kept-alive connection the site had closed,
     * and the pool may hold two to the site (the name's and the random name's, asked side by side).
     */
    private static final int STALE_CONNECTIONS = 2;
    /** The check name of a connection that broke after it was made. */
    private static final String NETWORK_ERROR = "network";
    /** How {@code net/} counts these calls: one upstream for every catalogue site, no circuit breaker. */
    static final String UPSTREAM = "username_site";
    private static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0",
            "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.7",
            "Accept-Language", "en-US,en;q=0.8");

    private final ScanContext context;
    private final Duration timeout;
    private final Permits permits;
    private final long deadlineNanos;
    private final SsrfGuard otherHosts;
    private final UnaryOperator<URI> reroute;
    private final SiteLatencies latencies;

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which every check must be done: no retry waits past it
     * @param otherHosts    checks a redirect to another host than the site's (where a site sends us is the site's
     *                      choice, not the operator's); null when {@code reroute} points every host at a test server
     * @param reroute       applied to every redirect followed: the address to ask instead
     * @param latencies     how long each site took last time, told how long it took this time
     */
    SiteChecker(ScanContext context, Duration timeout, Permits permits, long deadlineNanos, SsrfGuard otherHosts,
                UnaryOperator<URI> reroute, SiteLatencies latencies) {
        this.context = context;
        this.timeout = timeout;
        this.permits = permits;
        this.deadlineNanos = deadlineNanos;
        this.otherHosts = otherHosts;
        this.reroute = reroute;
        this.latencies = latencies;
    }

    SiteLatencies latencies() {
        return latencies;
    }

    /** A check made ready, to run on a thread of its own. */
    @FunctionalInterface
    interface Ready {
        /** The site's verdict; only interruption escapes, as cancellation. */
        SiteResult run() throws InterruptedException;

        /** Stops what the check started already, when it will not run: the scan was cancelled first. */
        default void cancel() {}
    }

    /**
     * The site's check on {@code username}, made ready on the thread that starts the checks, in the order they should
     * start. On a site that took {@code slow} or more last time its random name's request starts here: its thread
     * then queues ahead of every check made ready after it, where started from the check's own thread it would queue
     * behind them all.
     */
    Ready ready(Site site, String username, Duration slow) {
        if (!site.allows(username)) {
            String url;
            try {
                url = site.profileUrlFor(username);
            } catch (IllegalArgumentException e) {
                url = site.profileUrl(); // the name cannot even go where the template puts it
            }
            SiteResult invalid = new SiteResult(site, username, url, Verdict.without(SiteStatus.INVALID_USERNAME,
                    "the site does not allow this name" + (site.usernamePattern() == null ? ""
                            : " (" + site.usernamePattern().pattern() + ")"), "name_rule"), 0, null);
            return () -> invalid;
        }
        String random = ControlName.pick(site, username);
        Control control = random == null ? null : new Control(site, random);
        if (control == null || !latencies.slowerThan(site, slow)) {
            return () -> check(site, username, random, control);
        }
        // it would be asked HEDGE_AFTER into the name's request anyway: asked now, the site costs its time once
        control.start(Permits.Priority.FIRST);
        return new Ready() {
            @Override
            public SiteResult run() throws InterruptedException {
                return check(site, username, random, control);
            }

            @Override
            public void cancel() {
                control.stop();
            }
        };
    }

    private SiteResult check(Site site, String username, String random, Control control) throws InterruptedException {
        long start = System.nanoTime();
        Judged target;
        try {
            target = asked(site, username, Permits.Priority.FIRST,
                    control == null ? Companion.NONE : control.besideTheName());
        } catch (InterruptedException e) {
            if (control != null) {
                control.abandon(true);
            }
            throw e;
        }
        if (target.sentNanos() != 0) {
            latencies.record(site, Duration.ofNanos(System.nanoTime() - target.sentNanos()));
        }
        Verdict verdict = target.loose();
        SiteResult.Control controlSeen = null;
        if (control != null && verdict.status() == SiteStatus.FOUND) {
            Judged other = control.answer();
            controlSeen = new SiteResult.Control(random, other.loose().status(), other.loose().reason());
            verdict = confirmed(target, other, random);
        } else if (control != null) {
            control.abandon(false);
        }
        return new SiteResult(site, username, site.profileUrlFor(username), verdict, millisSince(start), controlSeen);
    }

    /** What a check tells the check beside it as it goes, and asks it before each request. */
    private interface Companion {
        Companion NONE = new Companion() {};

        /** False when no request should go out any more; true means it goes now (its permits are held). */
        default boolean beginRequest() {
            return true;
        }

        default void endRequest() {}

        /** About to wait out a rate limit the site set. */
        default void rateLimitWait() {}
    }

    /**
     * The random name's check, run only where it is needed: after a FOUND, or beside the name's own check when that
     * one's request goes unanswered for {@link #HEDGE_AFTER} or waits out a rate limit, or from the start on a site
     * that took {@link #KNOWN_SLOW} last time, so that a slow site costs its time once, not twice. Not needed after all, it sends nothing more, and a request of its that is out is let
     * finish (the site's limits still count it) before the check ends.
     */
    private final class Control implements Companion {
        private final Site site;
        private final String name;
        private final CompletableFuture<Judged> answer = new CompletableFuture<>();
        private Thread thread;
        private boolean abandoned;
        private boolean inRequest;
        private boolean hedged;

        Control(Site site, String name) {
            this.site = site;
            this.name = name;
        }

        /** Starts the check unless it runs or is no longer wanted; its first request waits its turn as {@code priority}. */
        synchronized void start(Permits.Priority priority) {
            if (abandoned || thread != null) {
                return;
            }
            thread = Thread.ofVirtual().start(() -> {
                try {
                    answer.complete(asked(site, name, priority, this));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
        }

        /** The random name's answer, the check started now when it was not yet. */
        Judged answer() throws InterruptedException {
            start(Permits.Priority.FOLLOW_UP);
            try {
                return answer.get();
            } catch (InterruptedException e) {
                abandon(true);
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the random name's check failed: " + e.getCause(), e.getCause());
            }
        }

        /** No longer wanted, its request too if one is out. */
        synchronized void stop() {
            abandoned = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        /** No longer wanted: stopped at once unless a request is out, which is waited for unless {@code now}. */
        void abandon(boolean now) throws InterruptedException {
            if (now) {
                stop();
                return;
            }
            synchronized (this) {
                abandoned = true;
                if (thread == null) {
                    return;
                }
                if (!inRequest) {
                    thread.interrupt();
                }
            }
            try {
                answer.get();
            } catch (ExecutionException ignored) {
                // stopped: its answer is not wanted anyway
            }
        }

        @Override
        public synchronized boolean beginRequest() {
            if (abandoned) {
                return false;
            }
            inRequest = true;
            return true;
        }

        @Override
        public synchronized void endRequest() {
            inRequest = false;
        }

        /** What the name's own check tells this one. */
        Companion besideTheName() {
            return new Companion() {
                @Override
                public boolean beginRequest() {
                    synchronized (Control.this) {
                        if (!hedged) {
                            hedged = true;
                            HEDGE.execute(() -> start(Permits.Priority.SPARE));
                        }
                    }
                    return true;
                }

                @Override
                public void rateLimitWait() {
                    start(Permits.Priority.SPARE); // the random name will want the same wait: both waits run at once
                }
            };
        }
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

    /**
     * One answer read two ways: {@code strict} also wants other catalogues' presence strings. {@code sentNanos}: when
     * the first request of the check went out ({@link System#nanoTime()}), 0 when none did.
     */
    private record Judged(Verdict loose, Verdict strict, long sentNanos) {
        Judged(Verdict loose, Verdict strict) {
            this(loose, strict, 0);
        }
    }

    /** The site asked about {@code username}, again after a rate limit or a server error when that helps. */
    private Judged asked(Site site, String username, Permits.Priority priority, Companion companion)
            throws InterruptedException {
        int networkErrors = 0;
        long firstSent = 0;
        for (int retry = 0; ; retry++) {
            Judged judged = once(site, username, retry > 0 ? Permits.Priority.FOLLOW_UP : priority, companion);
            firstSent = firstSent != 0 ? firstSent : judged.sentNanos();
            Verdict verdict = judged.loose();
            boolean networkError = verdict.check().equals(NETWORK_ERROR);
            Duration wait = networkError ? (++networkErrors <= STALE_CONNECTIONS ? Duration.ZERO : null)
                    : retryWait(verdict, retry - networkErrors);
            if (wait == null) {
                if (retry == 0) {
                    return judged;
                }
                String after = " after " + (retry == 1 ? "a retry" : retry + " retries");
                return new Judged(verdict.withReason(verdict.reason() + after),
                        judged.strict().withReason(judged.strict().reason() + after), firstSent);
            }
            if (wait.compareTo(MAX_WAIT) > 0
                    || System.nanoTime() + wait.toNanos() + timeout.toNanos() > deadlineNanos) {
                Verdict given = verdict.withReason(verdict.reason() + "; it asked to wait " + seconds(wait)
                        + ", past the task's deadline, so it was not asked again");
                return new Judged(given, given, firstSent);
            }
            if (verdict.isRateLimit()) {
                companion.rateLimitWait();
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
    private Judged once(Site site, String username, Permits.Priority priority, Companion companion)
            throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(site.requestUrlFor(username));
        } catch (IllegalArgumentException e) {
            Verdict malformed = Verdict.without(SiteStatus.ERROR, "malformed request URL: " + e.getMessage(), "request");
            return new Judged(malformed, malformed);
        }
        String contentType = site.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        HttpExchange exchange = HttpExchange.get(uri).method(site.method(), contentType, site.bodyFor(username))
                .maxBodyBytes(BODY_LIMIT, true).deadline(timeout).upstream(UPSTREAM, null, site.name());
        DEFAULT_HEADERS.forEach(exchange::header);
        site.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-type")) {
                exchange.header(name, value);
            }
        });
        if (site.followsRedirects()) {
            exchange.followRedirects(MAX_REDIRECTS).onRedirect(reroute);
            if (otherHosts != null) {
                exchange.guardedOnOtherHosts(otherHosts);
            }
        }
        RawResponse page;
        long sent = 0;
        try (Permits.Held held = permits.hold(uri, priority)) {
            if (!companion.beginRequest()) {
                return new Judged(NOT_ASKED, NOT_ASKED);
            }
            sent = System.nanoTime();
            try {
                page = exchange.send(context);
            } finally {
                companion.endRequest();
            }
        } catch (CollectorException e) {
            Verdict failed = failed(e);
            return new Judged(failed, failed, sent);
        }
        SiteAnswer answer = new SiteAnswer(uri, page.url(), page.status(), page.headers(),
                site.method().equals("HEAD") ? "" : page.text(), page.truncated());
        Verdict loose = ResponseClassifier.classify(site, username, answer, false);
        Verdict strict = ResponseClassifier.classify(site, username, answer, true);
        String retryAfter = answer.header("retry-after");
        if (retryAfter != null) {
            loose = loose.withRetryAfter(RetryAfter.parse(retryAfter, Instant.now()).orElse(null));
        }
        return new Judged(loose, strict, sent);
    }

    private Verdict failed(CollectorException error) {
        FailureKind kind = FailureKind.of(error).orElse(FailureKind.NETWORK_ERROR);
        return switch (kind) {
            case TIMEOUT -> Verdict.without(SiteStatus.TIMEOUT, "no complete answer within " + timeout.toMillis()
                    + " ms", "timeout");
            case ADDRESS_REFUSED, TOO_MANY_REDIRECTS -> Verdict.without(SiteStatus.ERROR, "redirect not followed: "
                    + error.getMessage(), "redirect");
            case NETWORK_ERROR -> Verdict.without(SiteStatus.ERROR, error.getMessage(), NETWORK_ERROR);
            default -> Verdict.without(SiteStatus.ERROR, error.getMessage(), "connect");
        };
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
