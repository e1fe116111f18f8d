package dev.osint.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code osint} command: {@code osint --help} lists every subcommand. */
@Command(name = "osint", mixinStandardHelpOptions = true, version = "osint 0.1.0",
        description = "Open-source intelligence scans: an HTTP API, a task queue and its workers, and collectors.",
        subcommands = {ServerCommand.class, WorkerCommand.class, ScanCommand.class, CollectorsCommand.class,
                InspectCommand.class, PurgeCommand.class, StatusCommand.class, SitesCommand.class, KeysCommand.class,
                HistoryCommand.class, EntityCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit codes: 0 success, 1 a scan failed, 2 bad usage. */
    static final int OK = 0;
    static final int SCAN_FAILED = 1;
    static final int USAGE = 2;

    /** The environment's settings; tests run the CLI in-process with their own. */
    private static volatile dev.osint.core.Settings settings = dev.osint.core.Settings.fromEnvironment();

    static dev.osint.core.Settings settings() {
        return settings;
    }

    static void useSettings(dev.osint.core.Settings replacement) {
        settings = replacement;
    }

    /** Keeps task log lines off a one-shot command's stderr, unless OSINT_LOG_LEVEL asks for them. */
    static void quietLogs() {
        if (settings.get("OSINT_LOG_LEVEL").isEmpty()) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.osint"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = commandLine(args);
        String[] arguments = cli.getCommand() instanceof Main ? args : Arrays.copyOfRange(args, 1, args.length);
        cli.setExitCodeExceptionMapper(e -> e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException ? USAGE : SCAN_FAILED);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + e.getMessage()));
            return e instanceof IllegalArgumentException ? USAGE : SCAN_FAILED;
        });
        return cli.execute(arguments);
    }

    /**
     * The command line that parses these arguments. For a process that runs until stopped, named first, only that
     * command's model is built, under the same qualified name: picocli builds every subcommand's model from its
     * annotations, which was a quarter of the main thread's time before a server's first answer, and loaded the
     * other commands' classes into a worker. Anything else parses against the whole tree. A command line built
     * for one command parses the arguments after its name.
     */
    static CommandLine commandLine(String... args) {
        return switch (args.length == 0 ? "" : args[0]) {
            case "server" -> alone(new ServerCommand());
            case "worker" -> alone(new WorkerCommand());
            default -> new CommandLine(new Main());
        };
    }

    private static CommandLine alone(Object command) {
        CommandLine cli = new CommandLine(command);
        return cli.setCommandName("osint " + cli.getCommandName());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
