package dev.osint.history;

import dev.osint.core.Settings;
import dev.osint.core.TaskRecord;
import dev.osint.queue.Broker;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan history of one process: the store, and in an API process the writer that fills it from the broker's
 * finished tasks and the daily retention purge. What the API and the CLI ask of the history goes through here.
 */
public final class History implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(History.class);

    private final HistorySettings settings;
    private final HistoryStore store;
    private final HistoryWriter writer;
    private final RetentionPurge retention;

    History(HistorySettings settings, HistoryStore store, HistoryWriter writer, RetentionPurge retention) {
        this.settings = settings;
        this.store = store;
        this.writer = writer;
        this.retention = retention;
    }

    /**
     * The history of an API process: the store, a writer draining the broker's finished tasks into it, and the
     * retention purge. Empty when {@code OSINT_HISTORY=off}.
     */
    public static Optional<History> serve(Settings settings, Broker broker, Clock clock) {
        HistorySettings historySettings = HistorySettings.from(settings);
        if (!historySettings.enabled()) {
            return Optional.empty();
        }
        HistoryStore store = HistoryStores.open(historySettings);
        HistoryWriter writer = broker.finishedTasks().map(feed -> new HistoryWriter(feed, store, clock).start())
                .orElse(null);
        RetentionPurge retention = historySettings.retention().isZero() ? null
                : new RetentionPurge(store, historySettings.retention(), clock).start();
        log.info("history: {} at {}{}", store.kind(), store.location(),
                writer == null ? " (read only: this broker keeps no finished tasks)" : "");
        return Optional.of(new History(historySettings, store, writer, retention));
    }

    /** The store alone, for a command that reads or purges the history. */
    public static History open(Settings settings) {
        HistorySettings historySettings = HistorySettings.from(settings);
        if (!historySettings.enabled()) {
            throw new IllegalArgumentException("the history is turned off (OSINT_HISTORY=off)");
        }
        return new History(historySettings, HistoryStores.open(historySettings), null, null);
    }

    public HistoryStore store() {
        return store;
    }

    public HistorySettings settings() {
        return settings;
    }

    /** How the writing goes; empty when this process does not write. */
    public Optional<HistoryWriter.Status> writerStatus() {
        return Optional.ofNullable(writer).map(HistoryWriter::status);
    }

    /** A finished task as the broker showed it, for when the broker has forgotten it. */
    public Optional<TaskRecord> task(String taskId) {
        return store.find(taskId).map(HistoryRecord::toTaskRecord);
    }

    /**
     * The changes from one scan to another.
     *
     * @throws java.util.NoSuchElementException   either scan is not in the history (or not the owner's)
     * @throws IllegalArgumentException          they are scans of different targets or types
     */
    public ScanDiff diff(String fromId, String toId, String owner) {
        return ScanDiff.between(visible(fromId, owner), visible(toId, owner));
    }

    public Timeline timeline(String target, String type, String owner, int most) {
        return Timeline.of(store, target, type, owner, most);
    }

    /** The record, if it exists and {@code owner} (null: anyone) may see it. */
    public Optional<HistoryRecord> find(String taskId, String owner) {
        return store.find(taskId).filter(r -> owner == null || owner.equals(r.owner()));
    }

    private HistoryRecord visible(String taskId, String owner) {
        return find(taskId, owner).orElseThrow(() -> new java.util.NoSuchElementException(taskId));
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        if (retention != null) {
            retention.close();
        }
        store.close();
    }
}
