package dev.osint.collectors.dns;

import dev.osint.core.CollectorException;
import dev.osint.core.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Guesses subdomains from a wordlist: each {@code label.domain} that resolves, and is not a wildcard answer, is found. */
final class SubdomainBruteForce {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");
    private static final int MAX_NAMES = 1_000_000;
    private static final int SOCKETS = 4;
    private static final int RETRIES = 3;
    /** A lost datagram is sent again this soon (or after the scan's timeout, when shorter). */
    private static final java.time.Duration RETRANSMIT = java.time.Duration.ofMillis(400);

    private final DnsClient client;

    SubdomainBruteForce(DnsClient client) {
        this.client = client;
    }

    /** The labels of the wordlist named {@code wordlist} (see {@link Wordlists}); never a caller-given path. */
    static List<String> labels(String wordlist, Settings settings) {
        try (InputStream in = Wordlists.open(wordlist, settings)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> labels = new LinkedHashSet<>();
            for (String line; (line = reader.readLine()) != null; ) {
                String label = line.strip().toLowerCase(Locale.ROOT);
                // comments and anything that is not a host label are skipped, so a wrong file finds nothing
                if (!label.isEmpty() && !label.startsWith("#") && LABEL.matcher(label).matches()) {
                    labels.add(label);
                }
                if (labels.size() > MAX_NAMES) {
                    throw new CollectorException("options.wordlist: " + wordlist + " holds more than " + MAX_NAMES
                            + " names");
                }
            }
            return new ArrayList<>(labels);
        } catch (IOException e) {
            throw new CollectorException("options.wordlist: " + wordlist + " cannot be read on the worker ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Tries every label under {@code domain}; answers whose addresses are all among {@code wildcard} are dropped.
     * {@code progress} is told how many names are done.
     */
    Map<String, Object> run(String domain, List<String> labels, Set<String> wildcard, int concurrency, int perSecond,
                            IntConsumer progress) throws InterruptedException {
        List<Name> names = new ArrayList<>(labels.size());
        for (String label : labels) {
            try {
                names.add(Name.fromString(label + "." + domain, Name.root));
            } catch (TextParseException e) {
                // a label too long together with the domain: it cannot exist
            }
        }
        ConcurrentLinkedQueue<Map<String, Object>> found = new ConcurrentLinkedQueue<>();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicInteger filtered = new AtomicInteger();
        long started = System.nanoTime();
        String server;
        try (BulkResolver resolver = new BulkResolver(client.primary(), Math.min(SOCKETS, concurrency),
                min(client.timeout(), RETRANSMIT), RETRIES)) {
            server = resolver.server();
            resolver.resolveAll(names, concurrency, perSecond, result -> {
                if (!result.answered()) {
                    unanswered.incrementAndGet();
                } else if (result.exists()) {
                    Map<String, Object> hit = hit(result);
                    if (!wildcard.isEmpty() && wildcard.containsAll((List<?>) hit.get("ips"))
                            && ((List<?>) hit.get("cnames")).isEmpty()) {
                        filtered.incrementAndGet();
                    } else {
                        found.add(hit);
                    }
                }
            }, progress::accept);
        } catch (IOException e) {
            throw new CollectorException("brute force: cannot open UDP sockets to " + DnsClient.describe(client.primary())
                    + ": " + e.getMessage());
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        List<Map<String, Object>> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(m -> (String) m.get("name")));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("server", server);
        summary.put("names_tried", names.size());
        summary.put("found", sorted);
        summary.put("wildcard_filtered", filtered.get());
        summary.put("unanswered", unanswered.get());
        summary.put("names_per_second", Math.round(names.size() / seconds));
        return summary;
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Map<String, Object> hit(BulkResolver.Result result) {
        List<String> ips = new ArrayList<>();
        List<String> cnames = new ArrayList<>();
        for (Record record : result.records()) {
            if (record.getType() == Type.A) {
                ips.add(DnsRecordFormat.value(record));
            } else if (record.getType() == Type.CNAME) {
                cnames.add(DnsRecordFormat.value(record));
            }
        }
        Map<String, Object> hit = new LinkedHashMap<>();
        hit.put("name", DnsRecordFormat.hostName(result.name()));
        hit.put("ips", ips);
        hit.put("cnames", cnames);
        return hit;
    }
}
