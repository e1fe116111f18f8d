package dev.osint.collectors.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while it is open, at DEBUG and above, for tests that check what a log may not contain:
 * {@code try (CapturedLogs logs = CapturedLogs.atDebug()) { … } logs.messages()}.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level before = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> quietened = new LinkedHashMap<>();
    /** The configured appenders (the console), set aside while DEBUG is on: the capture is not for the build log. */
    private final List<Appender<ILoggingEvent>> setAside = new ArrayList<>();

    private CapturedLogs(String... atInfo) {
        for (String name : atInfo) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            quietened.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        root.iteratorForAppenders().forEachRemaining(setAside::add);
        setAside.forEach(root::detachAppender);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
    }

    public static CapturedLogs atDebug() {
        return new CapturedLogs();
    }

    /**
     * As {@link #atDebug()}, but these loggers stay at INFO: a library's debug output that no shipped configuration
     * turns on (Jetty's prints every request header) is not what a test of the project's own lines is about.
     */
    public static CapturedLogs atDebugExcept(String... loggersAtInfo) {
        return new CapturedLogs(loggersAtInfo);
    }

    /** The formatted messages captured so far, in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Everything a log file would hold: each message, then the stack trace of its exception, if any. */
    public String everything() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    /** A copy: other threads may still be logging, and the appender adds under its own lock. */
    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.setLevel(before);
        root.detachAppender(appender);
        setAside.forEach(root::addAppender);
        quietened.forEach(Logger::setLevel);
    }
}
