package dev.osint.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Collector;
import dev.osint.core.CollectorRegistry;
import dev.osint.core.Json;
import dev.osint.core.Settings;
import dev.osint.queue.Broker;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.Brokers;
import dev.osint.queue.memory.MemoryBroker;
import dev.osint.queue.worker.ScanEnvironment;
import dev.osint.queue.ScanService;
import dev.osint.queue.worker.Worker;
import dev.osint.queue.worker.WorkerSettings;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A real API on a loopback port over a real in-memory broker, optionally with a worker; requests go through
 * {@link HttpClient}. Built like {@code anApi().with(collector).withWorker().start()}.
 */
final class ApiFixture implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Collector> collectors = new ArrayList<>();
    private Settings settings = new Settings(Map.of());
    private boolean withWorker;
    /** Sent as {@code Authorization: Bearer …} with every request when set. */
    private String apiKey;
    private io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics;
    private dev.osint.core.UpstreamHealth upstreams;
    private Function<BrokerSettings, Broker> brokers = MemoryBroker::new;
    private BrokerSettings brokerSettings = BrokerSettings.DEFAULTS;
    private Duration keepAlive = ApiServer.EVENT_KEEP_ALIVE;
    private java.nio.file.Path historyDir;
    java.util.Optional<dev.osint.history.History> history = java.util.Optional.empty();

    /** Flip to make the broker act as if its server went away: every call fails, ping says false. */
    final AtomicBoolean brokerDown = new AtomicBoolean();
    /** Flip to make every call fail as the Redis broker does when a connection drops, while ping still answers. */
    final AtomicBoolean brokerUnavailable = new AtomicBoolean();
    Broker broker;
    ScanService scans;
    ApiServer server;
    private Worker worker;

    static ApiFixture anApi() {
        return new ApiFixture();
    }

    ApiFixture with(Collector... more) {
        collectors.addAll(List.of(more));
        return this;
    }

    ApiFixture withSettings(Map<String, String> values) {
        settings = new Settings(values);
        return this;
    }

    /** Every request of {@link #get}, {@link #post}, {@link #delete} and {@link #submit} sends this key. */
    ApiFixture usingKey(String key) {
        apiKey = key;
        return this;
    }

    /** Serves this registry at /metrics and shows these circuit breakers in /api/v1/collectors. */
    ApiFixture withUpstreams(io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry,
                             dev.osint.core.UpstreamHealth health) {
        this.metrics = registry;
        this.upstreams = health;
        return this;
    }

    /** Keeps the scan history in a SQLite file under {@code dataDir}, written from the broker's finished tasks. */
    ApiFixture withHistory(java.nio.file.Path dataDir) {
        historyDir = dataDir;
        brokers = brokerSettings -> new MemoryBroker(brokerSettings, Clock.systemUTC(), 10_000);
        return this;
    }

    ApiFixture withWorker() {
        withWorker = true;
        return this;
    }

    /** A broker of another kind (e.g. {@code redis::newBroker}) instead of one in memory. */
    ApiFixture onBroker(Function<BrokerSettings, Broker> kind) {
        brokers = kind;
        return this;
    }

    ApiFixture withBrokerSettings(BrokerSettings value) {
        brokerSettings = value;
        return this;
    }

    /** How often idle event streams get a keep-alive comment (15 s unless a test wants it sooner). */
    ApiFixture withKeepAlive(Duration value) {
        keepAlive = value;
        return this;
    }

    ApiFixture start() {
        broker = failing(brokers.apply(brokerSettings));
        scans = new ScanService(new CollectorRegistry(collectors), broker, settings);
        if (historyDir != null) {
            settings = settings.with(Map.of("OSINT_DATA_DIR", historyDir.toString()));
            history = dev.osint.history.History.serve(settings, broker, Clock.systemUTC());
        }
        if (withWorker) {
            startWorker();
        }
        server = new ApiServer(ServerSettings.loopbackAnyPort(), scans, settings, Clock.systemUTC(),
                metrics == null ? new ApiMetrics() : new ApiMetrics(metrics),
                upstreams == null ? dev.osint.core.UpstreamHealth.UNTRACKED : upstreams, keepAlive, history).start();
        return this;
    }

    /** The worker started by {@link #startWorker()}. */
    Worker worker() {
        return worker;
    }

    /** Starts a worker in this process, named test-worker, serving the default and slow queues. */
    ApiFixture startWorker() {
        WorkerSettings workerSettings = WorkerSettings.from(settings).withName("test-worker").withConcurrency(4)
                .withQueues(List.of("default", "slow"));
        worker = new Worker(broker, scans.registry(), workerSettings,
                ScanEnvironment.from(settings, Brokers.rateLimiterFor(broker)), Duration.ofSeconds(10)).start();
        return this;
    }

    /** The broker, behind a switch that makes it unreachable on demand. */
    private Broker failing(Broker real) {
        return (Broker) Proxy.newProxyInstance(Broker.class.getClassLoader(), new Class<?>[] {Broker.class},
                (proxy, method, args) -> {
                    if (brokerUnavailable.get() && !method.getName().equals("kind") && !method.getName().equals("ping")
                            && !method.getName().equals("close")) {
                        throw new dev.osint.queue.BrokerUnavailableException("Redis at 127.0.0.1:6379 is unreachable",
                                null);
                    }
                    if (brokerDown.get() && !method.getName().equals("kind") && !method.getName().equals("close")) {
                        if (method.getName().equals("ping")) {
                            return false;
                        }
                        throw new IllegalStateException("connection refused: 127.0.0.1:6379");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        if (apiKey != null) {
            request.setHeader("Authorization", "Bearer " + apiKey);
        }
        return sendAsIs(request);
    }

    /** Sends the request with exactly the headers it has (no key added). */
    HttpResponse<String> sendAsIs(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Submits a scan and returns its task id. */
    String submit(String type, String target) {
        HttpResponse<String> response = post("/api/v1/scan",
                "{\"target\": \"" + target + "\", \"type\": \"" + type + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("submit answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("task_id").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(2));
        }
        brokerDown.set(false);
        brokerUnavailable.set(false);
        history.ifPresent(dev.osint.history.History::close);
        if (broker != null) {
            broker.close();
        }
    }
}
