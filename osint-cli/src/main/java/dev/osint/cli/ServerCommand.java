package dev.osint.cli;

import dev.osint.core.Settings;
import dev.osint.history.History;
import dev.osint.queue.worker.WorkerSettings;
import dev.osint.server.AccessSettings;
import dev.osint.server.ApiServer;
import dev.osint.server.ServerSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osint server}: the HTTP API, with a worker in the same process unless {@code --workers 0}. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the HTTP API (and, by default, a worker in the same process).",
                "Without REDIS_URL the queue lives in this process; with it, tasks go through Redis."})
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: OSINT_HOST, else 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port (default: OSINT_PORT, else 8000).")
    Integer port;

    @Option(names = "--workers", paramLabel = "N",
            description = "Tasks this process runs at once (default: OSINT_WORKER_CONCURRENCY, else "
                    + WorkerSettings.DEFAULT_CONCURRENCY + "); 0 runs the API alone.")
    Integer workers;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        if (host != null) overrides.put("OSINT_HOST", host);
        if (port != null) overrides.put("OSINT_PORT", String.valueOf(port));
        if (workers != null) overrides.put("OSINT_WORKER_CONCURRENCY", String.valueOf(workers));
        Settings settings = Main.settings().with(overrides);
        AccessSettings.from(settings, ServerSettings.from(settings)); // refuses before anything starts
        OsintRuntime runtime = new OsintRuntime(settings).withWorker(WorkerSettings.from(settings));
        // the history is written by API processes, from the finished tasks the broker keeps for them
        Optional<History> history = History.serve(settings, runtime.broker, Clock.systemUTC());
        ApiServer server = new ApiServer(ServerSettings.from(settings), runtime.scans, settings, runtime.metrics,
                runtime.upstreams, history).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            runtime.close();
            history.ifPresent(History::close); // after the worker: its last finishes are written too
            stopped.countDown();
        }, "shutdown"));
        System.err.printf("osint API on http://%s:%d (docs: /docs), broker: %s, worker: %s, history: %s%n",
                ServerSettings.from(settings).host(), server.port(), runtime.broker.kind(),
                runtime.worker().map(w -> w.name() + " x" + WorkerSettings.from(settings).concurrency())
                        .orElse("none (--workers 0)"),
                history.map(h -> h.store().kind() + " at " + h.store().location()).orElse("off"));
        stopped.await();
        return Main.OK;
    }
}
