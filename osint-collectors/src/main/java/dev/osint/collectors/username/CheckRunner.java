package dev.osint.collectors.username;

import dev.osint.core.ScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Checks every site at once, one virtual thread each, at most {@code maxConcurrency} requests in flight and
 * {@code perHost} per host, reporting progress as sites done / total. The slowest site bounds the wall time.
 */
final class CheckRunner {
    private static final long POLL_MS = 100;

    private final SiteChecker checker;
    private final int maxConcurrency;
    private final int perHost;

    CheckRunner(SiteChecker checker, int maxConcurrency, int perHost) {
        this.checker = checker;
        this.maxConcurrency = maxConcurrency;
        this.perHost = perHost;
    }

    /** One result per site, in the order given; interruption or cancellation stops every check. */
    List<SiteResult> run(List<Site> sites, String username, ScanContext context) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxConcurrency);
        HostLimits hosts = new HostLimits(perHost);
        SiteResult[] results = new SiteResult[sites.size()];
        int total = sites.size();
        int step = Math.max(1, total / 50); // about 50 progress reports, however large the catalogue
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            List<Future<Integer>> futures = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                int index = i;
                futures.add(done.submit(() -> {
                    results[index] = checkOne(sites.get(index), username, context, inFlight, hosts);
                    return index;
                }));
            }
            try {
                int finished = 0;
                while (finished < total) {
                    context.checkCancelled();
                    Future<Integer> next = done.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                    next.get();
                    finished++;
                    if (finished % step == 0 || finished == total) {
                        context.progress((double) finished / total, finished + "/" + total + " sites checked");
                    }
                }
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                throw e;
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("a site check failed unexpectedly: " + e.getCause(), e.getCause());
            }
        }
        return List.of(results);
    }

    private SiteResult checkOne(Site site, String username, ScanContext context, Semaphore inFlight,
                                HostLimits hosts) throws InterruptedException {
        if (!site.allows(username)) {
            return checker.check(site, username); // refused before any request: no permit needed
        }
        Semaphore host = hosts.forUrl(site.requestUrlFor(username));
        host.acquire(); // the host's permit first, so a waiting site never holds a global one
        try {
            inFlight.acquire();
            try {
                context.throttle();
                return checker.check(site, username);
            } finally {
                inFlight.release();
            }
        } finally {
            host.release();
        }
    }
}
