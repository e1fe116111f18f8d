package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line Main parses with: the whole tree, or only the long-running command named first. */
class MainCommandLineTest {
    @Test
    void aServerOrWorkerBuildsOnlyItsOwnCommand() {
        CommandLine server = Main.commandLine("server", "--port", "8123");
        CommandLine worker = Main.commandLine("worker");

        assertThat((Object) server.getCommand()).isInstanceOf(ServerCommand.class);
        assertThat((Object) worker.getCommand()).isInstanceOf(WorkerCommand.class);
        assertThat(server.getParent()).isNull();
        assertThat(server.getSubcommands()).isEmpty();
    }

    @Test
    void everyOtherCommandParsesAgainstTheWholeTree() {
        assertThat((Object) Main.commandLine("scan", "dns", "example.com").getCommand()).isInstanceOf(Main.class);
        assertThat((Object) Main.commandLine().getCommand()).isInstanceOf(Main.class);
        assertThat(Main.commandLine("help", "server").getSubcommands()).containsKeys("server", "worker", "scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "worker"})
    void itsHelpIsTheSameAsInTheTree(String name) {
        CommandLine tree = new CommandLine(new Main()).getSubcommands().get(name);

        assertThat(Main.commandLine(name).getUsageMessage(CommandLine.Help.Ansi.OFF))
                .startsWith("Usage: osint " + name + " ")
                .isEqualTo(tree.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    @Test
    void aBadOptionIsRefusedAsInTheTree() {
        StringWriter alone = new StringWriter();
        CommandLine server = Main.commandLine("server", "--port", "eighty").setErr(new PrintWriter(alone));
        StringWriter whole = new StringWriter();
        CommandLine tree = new CommandLine(new Main()).setErr(new PrintWriter(whole));

        int code = server.execute("--port", "eighty");

        assertThat(tree.execute("server", "--port", "eighty")).isEqualTo(code).isEqualTo(Main.USAGE);
        assertThat(alone.toString()).contains("Usage: osint server").isEqualTo(whole.toString());
    }
}
