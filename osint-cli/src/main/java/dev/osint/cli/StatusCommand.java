package dev.osint.cli;

import dev.osint.core.Collector;
import dev.osint.core.SecretSpec;
import dev.osint.core.Settings;
import dev.osint.queue.BrokerSettings;
import dev.osint.queue.WorkerInfo;
import dev.osint.queue.worker.WorkerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osint status}: checks the configuration and every connection, and says what is wrong. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Check the configuration, the broker, the workers, the queues and the DNS servers,",
                "and say what is wrong. Exit code 0 when all is well, 1 otherwise."})
final class StatusCommand implements Callable<Integer> {
    private final List<String> problems = new ArrayList<>();

    @Option(names = "--api", paramLabel = "URL",
            description = {"Also check a running server's API (e.g. http://localhost:8000): that it answers, is",
                    "healthy, and accepts the key in OSINT_API_KEY (or OSINT_API_KEY_FILE)."})
    String api;

    @Override
    public Integer call() {
        Main.quietLogs();
        Settings settings = Main.settings();
        check("settings", () -> {
            BrokerSettings.from(settings);
            WorkerSettings.from(settings);
            return "valid";
        });
        OsintRuntime runtime;
        try {
            runtime = new OsintRuntime(settings);
        } catch (RuntimeException e) {
            report("broker", false, e.getMessage());
            return Main.SCAN_FAILED;
        }
        try (runtime) {
            boolean reachable = runtime.broker.ping();
            report("broker", reachable, runtime.broker.kind() + (settings.get("REDIS_URL").isPresent()
                    ? " at " + redact(settings.get("REDIS_URL").get()) : " (in this process only: set REDIS_URL"
                    + " to share a queue between processes)") + (reachable ? "" : " is unreachable"));
            if (reachable) {
                checkWorkersAndQueues(runtime);
            }
            check("history", () -> history(settings));
            for (InetSocketAddress resolver : settings.hostPorts("OSINT_DNS_RESOLVERS", 53)) {
                check("dns " + resolver.getHostString() + ":" + resolver.getPort(), () -> {
                    try (Socket socket = new Socket()) {
                        // DNS servers answer TCP too; a refused connection means nothing listens there
                        socket.connect(new InetSocketAddress(resolver.getHostString(), resolver.getPort()), 2000);
                        return "reachable (TCP)";
                    }
                });
            }
            for (Collector collector : runtime.registry.listed()) {
                for (SecretSpec secret : collector.spec().secrets()) {
                    if (!settings.hasSecret(secret.name())) {
                        System.out.printf("  %-10s %s: %s is not set%s%n", "note", collector.spec().type(),
                                secret.name(), secret.required() ? " (its scans will fail)" : "");
                    }
                }
            }
        }
        if (api != null) {
            checkApi(new ApiClient(api, settings));
        }
        System.out.println(problems.isEmpty() ? "All is well." : problems.size() + " problem(s) found.");
        return problems.isEmpty() ? Main.OK : Main.SCAN_FAILED;
    }

    private void checkWorkersAndQueues(OsintRuntime runtime) {
        List<WorkerInfo> workers = runtime.broker.workers();
        boolean remote = runtime.broker.kind().equals("redis");
        if (remote) {
            report("workers", !workers.isEmpty(), workers.isEmpty()
                    ? "no worker is alive: start one with `osint worker` (same REDIS_URL)"
                    : workers.size() + " alive: " + workers.stream().map(w -> w.name() + " "
                    + w.queues() + " heartbeat " + Duration.between(w.heartbeatAt(), Instant.now()).toSeconds()
                    + " s ago").toList());
        }
        TreeSet<String> served = new TreeSet<>();
        workers.forEach(w -> served.addAll(w.queues()));
        for (Map.Entry<String, Long> queue : runtime.broker.queueDepths().entrySet()) {
            boolean ok = !remote || served.contains(queue.getKey()) || queue.getValue() == 0;
            report("queue " + queue.getKey(), ok, queue.getValue() + " waiting" + (ok ? ""
                    : "; no worker serves it, so these tasks stay PENDING: start `osint worker --queues "
                    + queue.getKey() + "`"));
        }
    }

    private void checkApi(ApiClient client) {
        try {
            ApiClient.Answer health = client.get("/api/v1/health");
            report("api", health.status() == 200, client.base() + " answers; health "
                    + (health.body() == null ? "HTTP " + health.status() : health.body().path("status").asText()));
            ApiClient.Answer collectors = client.get("/api/v1/collectors");
            if (collectors.status() == 401) {
                report("api key", false, client.unauthorizedAdvice());
            } else {
                report("api key", collectors.status() == 200, collectors.status() != 200
                        ? "HTTP " + collectors.status() + ": " + collectors.detail()
                        : client.sendsKey() ? "accepted" : "none sent, none needed");
            }
        } catch (IOException e) {
            report("api", false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report("api", false, "interrupted");
        }
    }

    /** Where the history lives and whether it answers; opening the embedded store creates it, as a server would. */
    private static String history(Settings settings) {
        if (!dev.osint.history.HistorySettings.from(settings).enabled()) {
            return "off (OSINT_HISTORY=off): finished scans are not kept";
        }
        try (dev.osint.history.History history = dev.osint.history.History.open(settings)) {
            return history.store().kind() + " at " + history.store().location() + ", " + history.store().count()
                    + " scan(s) kept";
        }
    }

    private interface Check {
        String run() throws Exception;
    }

    private void check(String what, Check check) {
        try {
            report(what, true, check.run());
        } catch (Exception e) {
            report(what, false, e.getMessage());
        }
    }

    private void report(String what, boolean ok, String detail) {
        System.out.printf("  %-10s %s: %s%n", ok ? "ok" : "PROBLEM", what, detail);
        if (!ok) {
            problems.add(what);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
