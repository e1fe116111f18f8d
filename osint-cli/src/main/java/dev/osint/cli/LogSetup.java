package dev.osint.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Every osint command's logging, set up in code (logback finds this class through {@code META-INF/services}):
 * lines on stderr, so stdout stays clean for results; {@code dev.osint} at {@code OSINT_LOG_LEVEL} (a system
 * property or the environment, else INFO; one line per task transition at DEBUG); Apache HttpClient never below
 * WARN, since its debug lines hold request headers and so API keys; everything else at WARN. It was a logback.xml:
 * logback's XML configurator (parsing, its model, its processors, ~500 classes) took ~15% of the main thread's
 * work before a server's first answer. A {@code logback.configurationFile} or a {@code logback-test.xml} on the
 * class path is still read, by logback's own configurator.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level [%thread] %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getProperty("OSINT_LOG_LEVEL", System.getenv("OSINT_LOG_LEVEL")));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up the context; {@code osintLevel} as logback.xml's {@code ${OSINT_LOG_LEVEL:-INFO}} read it. */
    static void apply(LoggerContext context, String osintLevel) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.osint").setLevel(level(osintLevel));
        context.getLogger("org.apache.hc").setLevel(Level.WARN);
    }

    /** As logback reads a logger's level: INHERITED or NULL for none, an unknown name for DEBUG. */
    private static Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        String trimmed = name.strip();
        if (trimmed.equalsIgnoreCase("INHERITED") || trimmed.equalsIgnoreCase("NULL")) {
            return null;
        }
        return Level.toLevel(trimmed);
    }
}
