package dev.osint.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osint purge}: drops every waiting task, of one queue or all; asks first unless {@code --force}. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Drop waiting tasks (they become REVOKED); running tasks are not touched.",
                "Asks for confirmation unless --force."})
final class PurgeCommand implements Callable<Integer> {
    @Option(names = "--queue", description = "Only this queue (default: all queues).")
    String queue;

    @Option(names = {"-f", "--force"}, description = "Do not ask.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Main.quietLogs();
        try (OsintRuntime runtime = new OsintRuntime(Main.settings())) {
            Map<String, Long> depths = runtime.broker.queueDepths();
            long waiting = queue == null ? depths.values().stream().mapToLong(Long::longValue).sum()
                    : depths.getOrDefault(queue, 0L);
            if (!force) {
                System.err.printf("Drop %d waiting task(s) from %s? [y/N] ", waiting,
                        queue == null ? "every queue " + depths.keySet() : "queue " + queue);
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine();
                if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                    System.err.println("Nothing dropped.");
                    return Main.OK;
                }
            }
            long dropped = runtime.broker.purge(queue);
            System.out.println("Dropped " + dropped + " task(s).");
            return Main.OK;
        }
    }
}
