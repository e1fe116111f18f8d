package dev.osint.collectors.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Tells whether a domain answers for names nobody made (a {@code *} record), and with which addresses. */
final class WildcardProbe {
    private static final int PROBES = 2;
    private static final int LABEL_CHARS = 20;

    private WildcardProbe() {}

    /** The probes in flight: random names under the domain, asked beside the record queries. */
    record Probes(List<CompletableFuture<DnsAnswer>> answers) {
        void cancel() {
            answers.forEach(f -> f.cancel(true));
        }

        /** The addresses the random names resolve to; empty when there is no wildcard. */
        Set<String> addresses() throws InterruptedException {
            Set<String> addresses = new TreeSet<>();
            for (CompletableFuture<DnsAnswer> probe : answers) {
                try {
                    for (Record record : probe.get().answers(Type.A)) {
                        addresses.add(DnsRecordFormat.value(record));
                    }
                } catch (ExecutionException e) {
                    // an unanswered probe proves nothing either way
                }
            }
            return addresses;
        }
    }

    static Probes start(DnsClient client, String domain) {
        List<CompletableFuture<DnsAnswer>> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add(client.query(DnsCollector.absoluteName(randomLabel() + "." + domain), Type.A));
        }
        return new Probes(probes);
    }

    static Map<String, Object> describe(Set<String> addresses) {
        Map<String, Object> wildcard = new LinkedHashMap<>();
        wildcard.put("detected", !addresses.isEmpty());
        wildcard.put("ips", List.copyOf(addresses));
        return wildcard;
    }

    /**
     * 20 random letters and digits: no real host is named like that. From the thread's fast generator: the name
     * only has to be one no zone holds, nobody gains by guessing it (the domain's own servers see it anyway), and
     * the system's secure generator took a lock and read the kernel's pool for every probe.
     */
    static String randomLabel() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        byte[] random = new byte[LABEL_CHARS];
        ThreadLocalRandom.current().nextBytes(random);
        StringBuilder label = new StringBuilder("osint-");
        for (byte b : random) {
            label.append(alphabet.charAt((b & 0xff) % alphabet.length())); // 4 of 36 a little likelier: no matter
        }
        return label.toString();
    }
}
