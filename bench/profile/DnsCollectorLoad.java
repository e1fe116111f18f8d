import dev.osint.collectors.dns.DnsCollector;
import dev.osint.core.*;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * The dns collector alone, as a worker runs it: 32 scans at a time on virtual threads, every scan handed the same
 * settings and resolver list, targets t0..t199.example.test. Prints the process CPU per scan over TOTAL scans after
 * WARMUP ones (JIT, GC and the UDP receive threads included). Used by bench/profile/dns-collector-ab.sh.
 */
public class DnsCollectorLoad {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int total = Integer.parseInt(args[2]);
        Settings settings = new Settings(Map.of());
        List<InetSocketAddress> resolvers = List.of(InetSocketAddress.createUnresolved("127.0.0.1", port));
        DnsCollector collector = new DnsCollector();
        Options options = Options.validate(collector.spec().options(), Map.of(), settings, Options.Requester.OPERATOR);
        run(collector, settings, resolvers, options, warmup);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        int ok = run(collector, settings, resolvers, options, total);
        long cpu1 = os.getProcessCpuTime(), t1 = System.nanoTime();
        System.out.printf("scans %d ok %d: %.0f us CPU per scan, %.0f scans/s, load %s%n", total, ok,
                (cpu1 - cpu0) / 1e3 / total, total / ((t1 - t0) / 1e9),
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).split(" ")[0]);
    }

    static int run(DnsCollector collector, Settings settings, List<InetSocketAddress> resolvers, Options options,
                   int total) throws Exception {
        AtomicInteger next = new AtomicInteger(), ok = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    Target target = new Target(TargetKind.DOMAIN, "t" + (i % 200) + ".example.test");
                    ScanContext context = new ScanContext() {
                        public String taskId() { return "x"; }
                        public Target target() { return target; }
                        public Options options() { return options; }
                        public void progress(double f, String s) {}
                        public boolean isCancelled() { return false; }
                        public void throttle() {}
                        public List<InetSocketAddress> dnsResolvers() { return resolvers; }
                        public Settings settings() { return settings; }
                        public int attempt() { return 0; }
                        public String workerName() { return "w"; }
                    };
                    try {
                        if (collector.collect(context).success()) ok.incrementAndGet();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        return ok.get();
    }
}
