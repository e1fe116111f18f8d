package dev.osint.core.testing;

import dev.osint.core.Collector;
import dev.osint.core.Options;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import dev.osint.core.Target;
import dev.osint.core.TargetParser;
import dev.osint.core.UpstreamHealth;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ScanContext} for running one collector in a test, without a queue:
 * {@code aScanOf(collector).target("example.test").setting("OSINT_DNS_RESOLVERS", "127.0.0.1:5300").build()}.
 */
public final class TestScanContext implements ScanContext {

    private final Target target;
    private final Options options;
    private final Settings settings;
    private final int attempt;
    private final byte[] upload;
    private final UpstreamHealth upstreams;
    private volatile boolean cancelled;
    /** Every progress report, in order, as "fraction stage". */
    public final List<String> progress = new CopyOnWriteArrayList<>();
    /** How many upstream requests asked for a rate-limit permit. */
    public final java.util.concurrent.atomic.AtomicInteger throttled = new java.util.concurrent.atomic.AtomicInteger();
    /** Every upstream permit asked for, in order, as "key limit" ({@code crtsh 30 per 60 s}). */
    public final List<String> throttledKeys = new CopyOnWriteArrayList<>();

    private TestScanContext(Target target, Options options, Settings settings, int attempt, byte[] upload,
                            UpstreamHealth upstreams) {
        this.upstreams = upstreams;
        this.target = target;
        this.options = options;
        this.settings = settings;
        this.attempt = attempt;
        this.upload = upload;
    }

    public static Builder aScanOf(Collector collector) {
        return new Builder(collector);
    }

    public void cancel() {
        cancelled = true;
    }

    @Override public String taskId() { return "test-task"; }
    @Override public Target target() { return target; }
    @Override public Options options() { return options; }
    @Override public void progress(double fraction, String stage) { progress.add(fraction + " " + stage); }
    @Override public boolean isCancelled() { return cancelled; }
    @Override public void throttle() { throttled.incrementAndGet(); }

    @Override
    public void throttle(String key, RateLimit limit) {
        throttled.incrementAndGet();
        throttledKeys.add(key + " " + limit);
    }
    @Override public List<InetSocketAddress> dnsResolvers() { return settings.hostPorts("OSINT_DNS_RESOLVERS", 53); }
    @Override public Settings settings() { return settings; }
    @Override public int attempt() { return attempt; }
    @Override public String workerName() { return "test-worker"; }
    @Override public java.util.Optional<byte[]> uploadedFile() { return java.util.Optional.ofNullable(upload); }
    @Override public UpstreamHealth upstreams() { return upstreams; }

    /** Builds a context; the target is parsed as the collector would see it through the API. */
    public static final class Builder {
        private final Collector collector;
        private String target;
        private final Map<String, Object> options = new HashMap<>();
        private final Map<String, String> settings = new HashMap<>();
        private int attempt;
        private byte[] upload;
        private String uploadName;
        private UpstreamHealth upstreams = UpstreamHealth.UNTRACKED;

        private Builder(Collector collector) {
            this.collector = collector;
        }

        public Builder target(String value) { this.target = value; return this; }
        public Builder option(String name, Object value) { options.put(name, value); return this; }
        public Builder setting(String name, String value) { settings.put(name, value); return this; }
        public Builder attempt(int value) { this.attempt = value; return this; }
        /** Circuit breakers shared by the scans a test runs; none (never open) by default. */
        public Builder upstreams(UpstreamHealth value) { this.upstreams = value; return this; }

        /** Scans an uploaded file (target kind file) instead of a typed target. */
        public Builder upload(String name, byte[] content) {
            this.uploadName = name;
            this.upload = content;
            return this;
        }

        public TestScanContext build() {
            Target parsed = upload != null ? new Target(dev.osint.core.TargetKind.FILE, uploadName)
                    : TargetParser.parse(target, collector.spec().accepts());
            Settings scanSettings = new Settings(settings);
            // as the operator would run it in-process: every option may be set, each checked against its rules
            return new TestScanContext(parsed, Options.validate(collector.spec().options(), new HashMap<>(options),
                    scanSettings, Options.Requester.OPERATOR), scanSettings, attempt, upload, upstreams);
        }

        /** Builds the context and runs the collector in it. */
        public dev.osint.core.CollectorOutput run() throws Exception {
            return collector.collect(build());
        }
    }

    /** The progress fractions reported, in order. */
    public List<Double> fractions() {
        List<Double> result = new ArrayList<>();
        for (String p : progress) {
            result.add(Double.parseDouble(p.substring(0, p.indexOf(' '))));
        }
        return result;
    }
}
