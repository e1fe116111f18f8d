package dev.osint.collectors.dns;

import dev.osint.collectors.net.SsrfGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Asks each authoritative server of a zone for a full copy (AXFR); a server that hands it out is a finding. The
 * servers are named by the zone's NS records, which whoever owns the target controls: an address that is not
 * public (an intranet DNS server that would hand its zone to the worker) is skipped, as the SSRF guard would.
 */
final class ZoneTransferProbe {
    private final DnsClient client;
    private final SsrfGuard guard;

    ZoneTransferProbe(DnsClient client, SsrfGuard guard) {
        this.client = client;
        this.guard = guard;
    }

    /** Per name server: {@code {status: open|refused|failed|unresolved|skipped, address, records?, error?}}. */
    Map<String, Map<String, Object>> attempt(Name zone, List<String> nameservers) throws InterruptedException {
        Map<String, Future<Map<String, Object>>> running = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String nameserver : nameservers) {
                running.put(nameserver, threads.submit(() -> transfer(zone, nameserver)));
            }
            Map<String, Map<String, Object>> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Map<String, Object>>> entry : running.entrySet()) {
                try {
                    results.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    results.put(entry.getKey(), Map.of("status", "failed", "error", String.valueOf(e.getCause())));
                }
            }
            return results;
        } catch (InterruptedException e) {
            running.values().forEach(f -> f.cancel(true));
            throw e;
        }
    }

    private Map<String, Object> transfer(Name zone, String nameserver) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        InetAddress address = addressOf(nameserver);
        if (address == null) {
            result.put("status", "unresolved");
            result.put("error", nameserver + " has no A record at " + client.describeServers());
            return result;
        }
        InetSocketAddress server = new InetSocketAddress(address, client.transferPort());
        result.put("address", DnsClient.describe(server));
        Optional<String> refusal = guard.refusal(address);
        if (refusal.isPresent()) {
            result.put("status", "skipped");
            result.put("error", "address " + address.getHostAddress() + " is " + refusal.get() + "; zone transfers"
                    + " go to public addresses only (" + SsrfGuard.ALLOW_SETTING + " opens a block)");
            return result;
        }
        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(zone, server, null);
        axfr.setTimeout(client.timeout().multipliedBy(5));
        try {
            axfr.run();
            List<Map<String, Object>> records = new ArrayList<>();
            for (Record record : axfr.getAXFR()) {
                records.add(DnsRecordFormat.toMap(record));
            }
            result.put("status", "open");
            result.put("records", records);
        } catch (ZoneTransferException e) {
            // dnsjava reports the server's rcode (REFUSED, NOTAUTH, …) in the message
            result.put("status", "refused");
            result.put("error", e.getMessage());
        } catch (IOException e) {
            result.put("status", "failed");
            result.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return result;
    }

    private InetAddress addressOf(String nameserver) throws Exception {
        DnsAnswer answer;
        try {
            answer = client.query(DnsCollector.absoluteName(nameserver), Type.A).get();
        } catch (ExecutionException e) {
            return null;
        }
        return answer.answers(Type.A).stream().map(r -> ((ARecord) r).getAddress()).findFirst().orElse(null);
    }
}
