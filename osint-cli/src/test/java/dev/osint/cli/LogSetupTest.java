package dev.osint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The logging set up in code, as logback.xml set it up before. */
class LogSetupTest {
    /** A context as logback's service provider makes it. */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    @Test
    void logbackFindsIt() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogSetup.class);
    }

    @Test
    void aTestClassPathsLogbackTestXmlIsStillRead() {
        assertThat(new LogSetup().configure(context()))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    @Test
    void theLevels() {
        LoggerContext context = context();
        LogSetup.apply(context, null);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.osint").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.hc").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.lettuce.core").getEffectiveLevel()).isEqualTo(Level.WARN);

        LogSetup.apply(context = context(), "debug");
        assertThat(context.getLogger("dev.osint.queue").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        LogSetup.apply(context = context(), "inherited");
        assertThat(context.getLogger("dev.osint").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void oneLineOnStderrInTheFormerPattern() {
        LoggerContext context = context();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            LogSetup.apply(context, "INFO");
            context.getLogger("dev.osint.queue.worker.Worker").info("worker {} started", "w1");
            context.getLogger("dev.osint.queue.worker.Worker").debug("not shown");
        } finally {
            System.setErr(originalErr);
            context.stop();
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d) INFO  \\[[^\\]]+\\] Worker - worker w1"
                        + " started\\R");
    }
}
