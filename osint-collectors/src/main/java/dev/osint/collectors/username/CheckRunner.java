package dev.osint.collectors.username;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Runs every check at once, one virtual thread each; the {@link Permits} inside the {@link SiteChecker} bound the
 * requests in flight. Reports progress as checks done / total. The slowest site bounds the wall time, so the sites
 * that took longest last time ({@link SiteLatencies}) start first: a slow site waiting for a permit behind hundreds
 * of fast ones would end the scan late by that wait.
 */
final class CheckRunner {
    private static final long POLL_MS = 100;

    /** One site to ask about one name. */
    record Job(Site site, String username) {}

    /** Told how far the run is, and asked whether to stop. */
    interface Listener {
        /** Throws {@link InterruptedException} when the run must stop. */
        void checkCancelled() throws InterruptedException;

        void progress(int done, int total);
    }

    private final SiteChecker checker;

    CheckRunner(SiteChecker checker) {
        this.checker = checker;
    }

    /** One result per job, in the order given; interruption or cancellation stops every check. */
    List<SiteResult> run(List<Job> jobs, Listener listener) throws InterruptedException {
        SiteResult[] results = new SiteResult[jobs.size()];
        int total = jobs.size();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            List<Future<Integer>> futures = new ArrayList<>(total);
            List<SiteChecker.Ready> checks = new ArrayList<>(total);
            Duration slow = checker.latencies().slowAmong(jobs.stream().map(Job::site).toList(),
                    SiteChecker.KNOWN_SLOW);
            for (int index : slowestFirst(jobs)) {
                SiteChecker.Ready check = checker.ready(jobs.get(index).site(), jobs.get(index).username(), slow);
                checks.add(check);
                futures.add(done.submit(() -> {
                    results[index] = check.run();
                    return index;
                }));
            }
            try {
                int finished = 0;
                while (finished < total) {
                    listener.checkCancelled();
                    Future<Integer> next = done.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                    next.get();
                    finished++;
                    listener.progress(finished, total);
                }
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                checks.forEach(SiteChecker.Ready::cancel);
                throw e;
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                checks.forEach(SiteChecker.Ready::cancel);
                throw new IllegalStateException("a site check failed unexpectedly: " + e.getCause(), e.getCause());
            }
        }
        return List.of(results);
    }

    /** The jobs' indices, those whose site took longest last time first, the others in the order given. */
    private List<Integer> slowestFirst(List<Job> jobs) {
        SiteLatencies latencies = checker.latencies();
        long[] last = jobs.stream().mapToLong(job -> latencies.lastMillis(job.site())).toArray();
        return IntStream.range(0, jobs.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> last[i]).reversed()).toList();
    }
}
